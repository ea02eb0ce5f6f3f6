#include "daemon/targets/bluesky/bluesky_xrpc.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

HttpResponse reply(int status, std::string body = "") {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  if (status == 0) response.error = "Timeout was reached";
  return response;
}

BOOST_AUTO_TEST_SUITE(bluesky_xrpc)

BOOST_AUTO_TEST_CASE(classifies_answers) {
  BOOST_TEST((classify_bluesky_reply(reply(200, "{}")) == BlueskyReply::ok));
  BOOST_TEST((classify_bluesky_reply(reply(400, R"({"error":"ExpiredToken","message":"Token has expired"})")) ==
              BlueskyReply::expired_token));
  BOOST_TEST((classify_bluesky_reply(reply(400, R"({"error":"InvalidToken"})")) == BlueskyReply::auth_refused));
  BOOST_TEST((classify_bluesky_reply(reply(401, R"({"error":"AuthenticationRequired"})")) ==
              BlueskyReply::auth_refused));
  BOOST_TEST((classify_bluesky_reply(reply(400, R"({"error":"InvalidSwap"})")) == BlueskyReply::invalid_swap));
  BOOST_TEST((classify_bluesky_reply(reply(429, R"({"error":"RateLimitExceeded"})")) ==
              BlueskyReply::rate_limited));
  BOOST_TEST((classify_bluesky_reply(reply(0)) == BlueskyReply::transient));
  BOOST_TEST((classify_bluesky_reply(reply(502, "bad gateway")) == BlueskyReply::transient));
  BOOST_TEST((classify_bluesky_reply(reply(501)) == BlueskyReply::refused));
  BOOST_TEST((classify_bluesky_reply(reply(400, R"({"error":"InvalidRequest"})")) == BlueskyReply::refused));
  BOOST_TEST((classify_bluesky_reply(reply(400, "not json")) == BlueskyReply::refused));
}

BOOST_AUTO_TEST_CASE(reply_text) {
  BOOST_TEST(bluesky_reply_text(reply(401, R"({"error":"AuthenticationRequired","message":"Invalid identifier or password"})")) ==
             "HTTP 401 AuthenticationRequired: Invalid identifier or password");
  BOOST_TEST(bluesky_reply_text(reply(502, "bad gateway")) == "HTTP 502: bad gateway");
  BOOST_TEST(bluesky_reply_text(reply(0)) == "Timeout was reached");
}

BOOST_AUTO_TEST_CASE(session_state_round_trip) {
  std::optional<BlueskySession> session = parse_bluesky_session(
      R"({"did":"did:plc:abc","handle":"a.test","accessJwt":"acc","refreshJwt":"ref","active":true})");
  BOOST_TEST_REQUIRE(session.has_value());
  std::string state = bluesky_session_state(*session, "a.test");
  BOOST_TEST(state == R"({"identifier":"a.test","did":"did:plc:abc","handle":"a.test","accessJwt":"acc","refreshJwt":"ref"})");
  std::optional<BlueskySession> back = read_bluesky_session_state(state, "a.test");
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST(back->access_jwt == "acc");
  BOOST_TEST(back->refresh_jwt == "ref");
  BOOST_TEST(!read_bluesky_session_state(state, "b.test").has_value());
  BOOST_TEST(!read_bluesky_session_state("garbage", "a.test").has_value());
  BOOST_TEST(!parse_bluesky_session(R"({"did":"did:plc:abc"})").has_value());
}

BOOST_AUTO_TEST_CASE(requests) {
  BOOST_TEST(bluesky_xrpc_url("", "com.atproto.server.createSession") ==
             "https://bsky.social/xrpc/com.atproto.server.createSession");
  BOOST_TEST(bluesky_xrpc_url("http://localhost:2583/", "x.y") == "http://localhost:2583/xrpc/x.y");

  HttpRequest create = bluesky_create_session_request("http://pds", "a.test", "pw");
  BOOST_TEST(create.method == "POST");
  BOOST_TEST(create.url == "http://pds/xrpc/com.atproto.server.createSession");
  BOOST_TEST(create.body == R"({"identifier":"a.test","password":"pw"})");

  HttpRequest refresh = bluesky_refresh_session_request("http://pds", "ref");
  BOOST_TEST(refresh.url == "http://pds/xrpc/com.atproto.server.refreshSession");
  BOOST_TEST_REQUIRE(refresh.headers.size() == 1u);
  BOOST_TEST(refresh.headers[0].second == "Bearer ref");

  HttpRequest upload = bluesky_upload_blob_request("http://pds", "acc", "PNG", "image/png");
  BOOST_TEST(upload.url == "http://pds/xrpc/com.atproto.repo.uploadBlob");
  BOOST_TEST(upload.body == "PNG");
  BOOST_TEST(upload.headers[0].second == "image/png");

  HttpRequest put = bluesky_put_record_request("http://pds", "acc", "did:plc:abc", "3n3hkapzf423e",
                                               boost::json::object{{"text", "hola"}});
  BOOST_TEST(put.url == "http://pds/xrpc/com.atproto.repo.putRecord");
  BOOST_TEST(put.body ==
             R"({"repo":"did:plc:abc","collection":"app.bsky.feed.post","rkey":"3n3hkapzf423e","swapRecord":null,"record":{"text":"hola"}})");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
