#include "daemon/targets/bluesky/bluesky_xrpc.h"

#include <utility>

namespace herald {
namespace {

namespace json = boost::json;

constexpr std::string_view kDefaultPds = "https://bsky.social";
constexpr std::size_t kExcerptBytes = 200;

std::string member(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

// The XRPC error name of a response ("" none).
std::string xrpc_error(const HttpResponse& response) {
  std::optional<json::object> body = parse_object(response.body);
  return body ? member(*body, "error") : std::string();
}

HttpRequest json_post(const std::string& url, std::string body, const std::string& bearer) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!bearer.empty()) request.headers.emplace_back("Authorization", "Bearer " + bearer);
  request.body = std::move(body);
  return request;
}

}  // namespace

std::optional<BlueskySession> parse_bluesky_session(std::string_view body) {
  std::optional<json::object> object = parse_object(body);
  if (!object) return std::nullopt;
  BlueskySession session{member(*object, "did"), member(*object, "handle"),
                         member(*object, "accessJwt"), member(*object, "refreshJwt")};
  if (!session.valid()) return std::nullopt;
  return session;
}

std::string bluesky_session_state(const BlueskySession& session, const std::string& identifier) {
  return json::serialize(json::object{{"identifier", identifier},
                                      {"did", session.did},
                                      {"handle", session.handle},
                                      {"accessJwt", session.access_jwt},
                                      {"refreshJwt", session.refresh_jwt}});
}

std::optional<BlueskySession> read_bluesky_session_state(std::string_view state,
                                                         const std::string& identifier) {
  std::optional<json::object> object = parse_object(state);
  if (!object || member(*object, "identifier") != identifier) return std::nullopt;
  return parse_bluesky_session(state);
}

std::string bluesky_xrpc_url(const std::string& pds, std::string_view nsid) {
  std::string base = pds.empty() ? std::string(kDefaultPds) : pds;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/xrpc/" + std::string(nsid);
}

HttpRequest bluesky_create_session_request(const std::string& pds, const std::string& identifier,
                                           const std::string& password) {
  return json_post(bluesky_xrpc_url(pds, "com.atproto.server.createSession"),
                   json::serialize(json::object{{"identifier", identifier}, {"password", password}}), "");
}

HttpRequest bluesky_refresh_session_request(const std::string& pds, const std::string& refresh_jwt) {
  HttpRequest request = json_post(bluesky_xrpc_url(pds, "com.atproto.server.refreshSession"), "", refresh_jwt);
  request.headers.erase(request.headers.begin());  // no body, no Content-Type
  return request;
}

HttpRequest bluesky_upload_blob_request(const std::string& pds, const std::string& access_jwt,
                                        std::string data, const std::string& content_type) {
  HttpRequest request;
  request.method = "POST";
  request.url = bluesky_xrpc_url(pds, "com.atproto.repo.uploadBlob");
  request.headers.emplace_back("Content-Type", content_type);
  request.headers.emplace_back("Authorization", "Bearer " + access_jwt);
  request.body = std::move(data);
  return request;
}

HttpRequest bluesky_put_record_request(const std::string& pds, const std::string& access_jwt,
                                       const std::string& did, const std::string& rkey,
                                       const json::object& record) {
  json::object body{{"repo", did},
                    {"collection", "app.bsky.feed.post"},
                    {"rkey", rkey},
                    {"swapRecord", nullptr},
                    {"record", record}};
  return json_post(bluesky_xrpc_url(pds, "com.atproto.repo.putRecord"), json::serialize(body), access_jwt);
}

BlueskyReply classify_bluesky_reply(const HttpResponse& response) {
  const int status = response.status;
  if (status >= 200 && status < 300) return BlueskyReply::ok;
  if (status == 429) return BlueskyReply::rate_limited;
  if (status == 401) return BlueskyReply::auth_refused;
  if (status == 400) {
    std::string error = xrpc_error(response);
    if (error == "ExpiredToken") return BlueskyReply::expired_token;
    if (error == "InvalidToken") return BlueskyReply::auth_refused;
    if (error == "InvalidSwap") return BlueskyReply::invalid_swap;
  }
  if (status == 0 || status == 408 || status == 425 ||
      (status >= 500 && status != 501 && status != 505)) {
    return BlueskyReply::transient;
  }
  return BlueskyReply::refused;
}

std::string bluesky_reply_text(const HttpResponse& response) {
  if (response.status == 0) return response.error.empty() ? "no answer" : response.error;
  std::string text = "HTTP " + std::to_string(response.status);
  if (std::optional<json::object> body = parse_object(response.body)) {
    std::string error = member(*body, "error");
    std::string message = member(*body, "message");
    if (!error.empty()) text += " " + error;
    if (!message.empty()) text += ": " + message.substr(0, kExcerptBytes);
    return text;
  }
  if (!response.body.empty()) text += ": " + response.body.substr(0, kExcerptBytes);
  return text;
}

}  // namespace herald
