// The loopback Bluesky PDS fixture (tests/support/pds): a real
// @atproto/pds takes an account, an app password, a session made with the
// app password and a post, gives the post back, and rate-limits
// createSession like bsky.social does.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/support/pds/pds_server.h"

namespace herald::test {
namespace {

namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(pds_server)

BOOST_AUTO_TEST_CASE(account_app_password_session_and_post) {
  PdsServer& pds = PdsServer::shared();
  BOOST_TEST(pds.url() == "http://localhost:" + std::to_string(pds.port()));

  PdsAccount account = pds.create_account("fixture.test", "fixture@example.com", "account-pass");
  BOOST_TEST(account.did.rfind("did:plc:", 0) == 0);
  BOOST_TEST(account.handle == "fixture.test");

  std::string app_password = pds.create_app_password(account, "herald");
  BOOST_TEST(app_password.size() == 19u);  // xxxx-xxxx-xxxx-xxxx
  PdsSession session = pds.create_session("fixture.test", app_password);
  BOOST_TEST(session.did == account.did);
  BOOST_TEST(!session.access_jwt.empty());

  json::object record = {{"$type", "app.bsky.feed.post"},
                         {"text", "Hola, vecinos de Alcañiz"},
                         {"createdAt", "2026-11-29T16:00:00.000Z"},
                         {"langs", json::array{"es"}}};
  json::object body = {{"repo", account.did}, {"collection", "app.bsky.feed.post"},
                       {"record", record}};
  HttpResponse created = pds.xrpc("POST", "com.atproto.repo.createRecord", json::serialize(body),
                                  session.access_jwt);
  BOOST_TEST_REQUIRE(created.status == 200, created.body);
  std::string uri(json::parse(created.body).at("uri").as_string());
  std::string prefix = "at://" + account.did + "/app.bsky.feed.post/";
  BOOST_TEST_REQUIRE(uri.rfind(prefix, 0) == 0);
  std::string rkey = uri.substr(prefix.size());

  std::optional<std::string> got = pds.get_record(account.did, "app.bsky.feed.post", rkey);
  BOOST_TEST_REQUIRE(got.has_value());
  json::value value = json::parse(*got).at("value");
  BOOST_TEST(value.at("text").as_string() == "Hola, vecinos de Alcañiz");
  BOOST_TEST(value.at("langs") == (json::array{"es"}));
  BOOST_TEST(json::parse(pds.list_records(account.did, "app.bsky.feed.post"))
                 .at("records").as_array().size() == 1u);
  BOOST_TEST(!pds.get_record(account.did, "app.bsky.feed.post", "3kaaaaaaaaaaa").has_value());
}

// createSession: 30 per 5 minutes per identifier (and IP); the 31st is a
// 429 RateLimitExceeded with RateLimit-* headers (Reset in epoch seconds).
BOOST_AUTO_TEST_CASE(create_session_burst_is_rate_limited) {
  PdsServer& pds = PdsServer::shared();
  pds.create_account("burst.test", "burst@example.com", "burst-pass");
  HttpResponse last;
  int accepted = 0;
  for (int i = 0; i < 31; ++i) {
    // Wrong passwords count too: the limit is checked before the password.
    last = pds.xrpc("POST", "com.atproto.server.createSession",
                    R"({"identifier":"burst.test","password":"wrong"})");
    if (last.status != 429) {
      BOOST_TEST(last.status == 401);
      ++accepted;
    } else {
      break;
    }
  }
  BOOST_TEST(accepted == 30);
  BOOST_TEST_REQUIRE(last.status == 429);
  BOOST_TEST(json::parse(last.body).at("error").as_string() == "RateLimitExceeded");
  BOOST_TEST(last.header("ratelimit-limit") == "30");
  BOOST_TEST(last.header("ratelimit-remaining") == "0");
  BOOST_TEST(std::stoll(last.header("ratelimit-reset")) > std::time(nullptr));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald::test
