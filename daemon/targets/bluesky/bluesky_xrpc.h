// The XRPC conversation of a Bluesky delivery (pure): the session, its
// persisted form, the requests, and what each answer means.
//
// Session: createSession {identifier, password (an app password)} gives
// accessJwt (about 2 h), refreshJwt (about 90 days), did and handle;
// refreshSession (the refresh token as Bearer) gives a new pair. An expired
// access token is HTTP 400 {"error":"ExpiredToken"}, not 401. The session
// is saved as the target's state (TargetStateStore):
//   {"identifier", "did", "handle", "accessJwt", "refreshJwt"}
// and used again only by a target with the same identifier.
//
// Answers (classify_bluesky_reply):
//   200                                   ok
//   400 ExpiredToken                      expired_token: refresh the session
//   401, 400 InvalidToken                 auth_refused: the token or password is refused
//   400 InvalidSwap                       invalid_swap: (putRecord) the record exists
//   429                                   rate_limited (RateLimit-Reset: epoch seconds)
//   no answer, 408, 425, 5xx but 501/505  transient
//   anything else                         refused (with the XRPC error and message)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "daemon/targets/http_exchange.h"

namespace herald {

struct BlueskySession {
  std::string did;
  std::string handle;
  std::string access_jwt;
  std::string refresh_jwt;
  bool valid() const { return !did.empty() && !access_jwt.empty(); }
};

// The session of a createSession / refreshSession answer body; nullopt
// when it has no did or accessJwt.
std::optional<BlueskySession> parse_bluesky_session(std::string_view body);

// The target state text of `session` for `identifier`, and back (nullopt
// when the text is not one or was saved for another identifier).
std::string bluesky_session_state(const BlueskySession& session, const std::string& identifier);
std::optional<BlueskySession> read_bluesky_session_state(std::string_view state,
                                                         const std::string& identifier);

// `pds` (the target's url; "https://bsky.social" when empty) + "/xrpc/" + nsid.
std::string bluesky_xrpc_url(const std::string& pds, std::string_view nsid);

HttpRequest bluesky_create_session_request(const std::string& pds, const std::string& identifier,
                                           const std::string& password);
HttpRequest bluesky_refresh_session_request(const std::string& pds, const std::string& refresh_jwt);
HttpRequest bluesky_upload_blob_request(const std::string& pds, const std::string& access_jwt,
                                        std::string data, const std::string& content_type);
// putRecord {repo, collection: app.bsky.feed.post, rkey, swapRecord: null, record}.
HttpRequest bluesky_put_record_request(const std::string& pds, const std::string& access_jwt,
                                       const std::string& did, const std::string& rkey,
                                       const boost::json::object& record);

enum class BlueskyReply { ok, expired_token, auth_refused, invalid_swap, rate_limited, transient, refused };

BlueskyReply classify_bluesky_reply(const HttpResponse& response);

// "HTTP 400 InvalidRequest: Invalid app.bsky.feed.post record" (XRPC error
// and message when the body has them, else a short body excerpt), or the
// transport error.
std::string bluesky_reply_text(const HttpResponse& response);

}  // namespace herald
