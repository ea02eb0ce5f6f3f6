// The X driver's attempts step by step, without a network: the rotating
// refresh token saved before it is used, a refused one ending dead with
// instructions, the look-up after a lost answer, 429's reset.
#include "daemon/targets/x/x_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "daemon/targets/retry_hints.h"
#include "daemon/targets/x/x_oauth.h"
#include "daemon/text/text_length.h"
#include "tests/daemon/targets/exchanges.h"
#include "tests/daemon/targets/seed_driver_rig.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = test::kSeedAnnouncedMs;

using test::answer;
using test::header;

struct Fixture : test::SeedDriverRig {
  Fixture() : SeedDriverRig("equis", TargetType::x, "https://api.x.example") {
    target.as<XSettings>().client_id = "client-1";
    target.as<XSettings>().refresh_token = "seed-refresh";
  }
};

BOOST_AUTO_TEST_SUITE(x_driver)

BOOST_AUTO_TEST_CASE(the_rotated_refresh_token_is_saved_before_the_post) {
  Fixture f;
  f.make();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == "https://api.x.example/2/oauth2/token");
  BOOST_TEST(step.request.body == "grant_type=refresh_token&refresh_token=seed-refresh&client_id=client-1");
  step = attempt->next(answer(200, R"({"token_type":"bearer","expires_in":7200,"access_token":"access-2",)"
                                   R"("scope":"tweet.write","refresh_token":"refresh-2"})"),
                       kNow);
  // Before the post is sent, the new link of the chain is stored.
  XTokens kept = read_x_tokens(f.state.saved["equis"], "seed-refresh");
  BOOST_TEST(kept.refresh_token == "refresh-2");
  BOOST_TEST(kept.access_token == "access-2");
  BOOST_TEST(kept.expires_at_ms == kNow + 7200 * 1000);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  BOOST_TEST(header(step.request, "authorization") == "Bearer access-2");
  std::string text = boost::json::parse(step.request.body).at("text").as_string().c_str();
  BOOST_TEST(count_x_weighted(text) <= 280u);
  BOOST_TEST(text.find(f.post_url) != std::string::npos);
  step = attempt->next(answer(201, R"({"data":{"id":"1790000000000000001","text":"..."}})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_url == "https://x.com/i/status/1790000000000000001");

  // A restart reads the saved chain: no refresh while the access token lasts.
  f.make();
  attempt = f.driver->attempt(f.delivery);
  step = attempt->first(kNow + 1000);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  BOOST_TEST(header(step.request, "authorization") == "Bearer access-2");
}

BOOST_AUTO_TEST_CASE(a_new_seed_in_the_configuration_replaces_the_kept_chain) {
  XTokens kept{"seed-refresh", "refresh-7", "access-7", kNow + 3600000, "42"};
  BOOST_TEST(read_x_tokens(x_tokens_state(kept), "seed-refresh").refresh_token == "refresh-7");
  XTokens fresh = read_x_tokens(x_tokens_state(kept), "seed-new");
  BOOST_TEST(fresh.refresh_token == "seed-new");
  BOOST_TEST(fresh.access_token.empty());
  BOOST_TEST(read_x_tokens(std::string("not json"), "seed-new").refresh_token == "seed-new");
}

BOOST_AUTO_TEST_CASE(a_refused_refresh_token_is_dead_with_instructions) {
  Fixture f;
  f.make();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(
      answer(400, R"({"error":"invalid_grant","error_description":"Value passed for the token was invalid."})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error ==
             "X refused the refresh token (HTTP 400 invalid_grant: Value passed for the token was invalid.): "
             "authorize herald again for the account (docs/targets.md, X), put the new refresh token in "
             "refresh_token or refresh_token_file, run herald reload, then herald retry --target equis");
}

BOOST_AUTO_TEST_CASE(after_a_lost_answer_the_post_found_on_the_account_is_sent) {
  Fixture f;
  f.state.saved["equis"] = x_tokens_state({"seed-refresh", "refresh-2", "access-2", kNow + 3600000, ""});
  f.make();
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;  // the first attempt timed out
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/users/me");
  step = attempt->next(answer(200, R"({"data":{"id":"42","username":"noticias"}})"), kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/users/42/tweets?max_results=10&tweet.fields=entities");
  boost::json::object found{{"id", "1790000000000000009"},
                            {"entities", {{"urls", boost::json::array{{{"expanded_url", f.post_url}}}}}}};
  step = attempt->next(answer(200, boost::json::serialize(boost::json::object{
                                       {"data", boost::json::array{{{"id", "1"}, {"text", "otro"}}, found}}})),
                       kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "1790000000000000009");
}

BOOST_AUTO_TEST_CASE(a_429_waits_until_the_reset) {
  Fixture f;
  f.state.saved["equis"] = x_tokens_state({"seed-refresh", "refresh-2", "access-2", kNow + 3600000, ""});
  f.make();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  std::int64_t reset_s = kNow / 1000 + 900;
  AttemptStep step = attempt->next(
      answer(429, R"({"title":"Too Many Requests","status":429})", {{"x-rate-limit-reset", std::to_string(reset_s)}}),
      kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);  // pauses the account's lane
  BOOST_TEST(step.outcome.retry_at_ms >= reset_s * 1000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
