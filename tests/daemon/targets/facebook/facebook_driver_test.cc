// The Facebook driver's attempts step by step, without a network: the link
// post, a refused token ending dead with instructions, throttles pausing
// the lane (and later attempts waiting without calling), the look-up after
// a lost answer or a duplicate, the dry run with the token hidden.
#include "daemon/targets/facebook/facebook_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/targets/graph_answer.h"
#include "tests/daemon/targets/exchanges.h"
#include "tests/daemon/targets/seed_driver_rig.h"
#include "tests/support/loopback/form_fields.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = test::kSeedAnnouncedMs;
constexpr std::int64_t kMinute = 60'000;

using test::answer;
using test::header;

using test::form_field;
using test::graph_error;

struct Fixture : test::SeedDriverRig {
  Fixture() : SeedDriverRig("pagina", TargetType::facebook, "https://graph.example") {
    state_store = nullptr;
    target.as<FacebookSettings>().page_id = "104612345678901";
    target.as<FacebookSettings>().token = "EAAPageToken123";
    make();
  }
};

const char* const kFeed = "https://graph.example/v25.0/104612345678901/feed";
const char* const kPosts =
    "https://graph.example/v25.0/104612345678901/posts?fields=id,permalink_url,message,created_time,"
    "attachments%7Burl,unshimmed_url%7D&limit=25";

BOOST_AUTO_TEST_SUITE(facebook_driver)

BOOST_AUTO_TEST_CASE(a_link_post_on_the_page_feed) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.method == "POST");
  BOOST_TEST(step.request.url == kFeed);
  BOOST_TEST(header(step.request, "authorization") == "Bearer EAAPageToken123");
  BOOST_TEST(header(step.request, "content-type") == "application/x-www-form-urlencoded");
  BOOST_TEST(form_field(step.request.body, "link") == f.post_url);
  std::string message = form_field(step.request.body, "message");
  BOOST_TEST(message.find(f.post_url) == std::string::npos);  // the card shows the link
  BOOST_TEST(!message.empty());
  step = attempt->next(answer(200, R"({"id":"104612345678901_998877"})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "104612345678901_998877");
  BOOST_TEST(step.outcome.remote_url == "https://www.facebook.com/104612345678901_998877");
}

BOOST_AUTO_TEST_CASE(a_refused_token_is_dead_with_instructions) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(
      answer(400, graph_error(190, 460, "Error validating access token: The session has been invalidated "
                                        "because the user changed their password.")),
      kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error ==
             "Facebook refused the Page token (code 190, subcode 460: Error validating access token: The session "
             "has been invalidated because the user changed their password.; the password of the account that "
             "granted the token changed): get a new Page token (docs/targets.md, Facebook), put it in token or "
             "token_file, run herald reload, then herald retry --target pagina");
}

BOOST_AUTO_TEST_CASE(a_throttle_pauses_the_lane_and_later_attempts_wait_without_calling) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  HttpHeaders usage = {{"x-business-use-case-usage",
                        R"({"104612345678901":[{"type":"pages","call_count":100,"total_cputime":12,)"
                        R"("total_time":20,"estimated_time_to_regain_access":7}]})"}};
  AttemptStep step = attempt->next(
      answer(400, graph_error(80001, 0, "There have been too many calls to this Page account."), usage), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);  // pauses the target's lane
  BOOST_TEST(step.outcome.retry_at_ms == kNow + 7 * kMinute);

  // Another delivery before then: no call, the same wait.
  f.delivery.id = 4;
  step = f.start(attempt, kNow + kMinute);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);
  BOOST_TEST(step.outcome.retry_at_ms == kNow + 7 * kMinute);
  // After it: the post goes.
  step = f.start(attempt, kNow + 7 * kMinute);
  BOOST_TEST(step.request.url == kFeed);
}

BOOST_AUTO_TEST_CASE(after_a_lost_answer_the_post_found_on_the_page_is_sent) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;  // the first attempt timed out
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST(step.request.method == "GET");
  BOOST_TEST(step.request.url == kPosts);
  boost::json::object other{{"id", "104612345678901_1"}, {"message", "Otra noticia"}};
  boost::json::object ours{
      {"id", "104612345678901_2"},
      {"permalink_url", "https://www.facebook.com/104612345678901/posts/2"},
      {"attachments",
       {{"data", boost::json::array{{{"url", "https://l.facebook.com/l.php?u=x"}, {"unshimmed_url", f.post_url}}}}}}};
  step = attempt->next(
      answer(200, boost::json::serialize(boost::json::object{{"data", boost::json::array{other, ours}}})), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "104612345678901_2");
  BOOST_TEST(step.outcome.remote_url == "https://www.facebook.com/104612345678901/posts/2");
}

BOOST_AUTO_TEST_CASE(a_look_up_that_finds_nothing_posts) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 502;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(200, R"({"data":[]})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == kFeed);
}

BOOST_AUTO_TEST_CASE(an_unreadable_page_follows_after_timeout) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;
  f.target.as<FacebookSettings>().after_timeout.retry_ambiguous = false;
  f.make();
  f.delivery.attempts = 2;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(403, graph_error(299, 0, "Requires pages_read_engagement")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error.find("after_timeout: give_up") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_duplicate_is_sent_when_the_page_has_the_post) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(400, graph_error(506, 0, "Duplicate status message")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == kPosts);
  boost::json::object ours{{"id", "104612345678901_5"}, {"message", "… " + f.post_url}};
  step = attempt->next(answer(200, boost::json::serialize(boost::json::object{{"data", boost::json::array{ours}}})),
                       kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "104612345678901_5");
}

BOOST_AUTO_TEST_CASE(a_missing_permission_stops_the_target) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(403, graph_error(200, 0, "Requires pages_manage_posts")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
}

BOOST_AUTO_TEST_CASE(a_service_error_retries) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(400, graph_error(2, 0, "Service temporarily unavailable")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
}

BOOST_AUTO_TEST_CASE(the_dry_run_shows_the_post_with_the_token_hidden) {
  Fixture f;
  Result<std::vector<HttpRequest>> requests = f.driver->preview(f.delivery, kNow);
  BOOST_TEST_REQUIRE(requests.ok());
  BOOST_TEST_REQUIRE(requests->size() == 1u);
  BOOST_TEST((*requests)[0].url == kFeed);
  std::string shown = f.driver->redact(header((*requests)[0], "authorization"));
  BOOST_TEST(shown.find("EAAPageToken123") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_headers_are_read_as_percentages_and_minutes) {
  GraphUsage usage = read_graph_usage({{"x-app-usage", R"({"call_count":28,"total_time":25,"total_cputime":25})"},
                                       {"x-page-usage", R"({"call_count":96,"total_time":3,"total_cputime":2})"}});
  BOOST_TEST(usage.max_percent == 96);
  BOOST_TEST(usage.regain_ms == 0);
  BOOST_TEST(!usage.limited());
  usage = read_graph_usage({{"x-business-use-case-usage",
                             R"({"1":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":2}]})"}});
  BOOST_TEST(usage.regain_ms == 2 * kMinute);
  BOOST_TEST(usage.limited());
  BOOST_TEST(read_graph_usage({{"x-app-usage", "not json"}}).max_percent == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
