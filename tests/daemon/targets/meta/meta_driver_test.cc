// The Instagram and Threads driver's attempts step by step, without a
// network: the container flow (create, poll, limit, publish, permalink),
// the progress kept per delivery and a restart going on from it, a lost
// publish answer looked up, ERROR/EXPIRED containers, the publishing limit
// waited, the token refreshed and saved before use or refused with
// instructions, Instagram without an image skipped.
#include "daemon/targets/meta/meta_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/targets/meta/meta_progress.h"
#include "daemon/targets/meta/meta_token.h"
#include "daemon/text/text_length.h"
#include "tests/daemon/targets/exchanges.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"
#include "tests/daemon/targets/seed_driver_rig.h"
#include "tests/support/loopback/form_fields.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = test::kSeedAnnouncedMs;
constexpr std::int64_t kDay = 24 * 3600 * 1000;

using test::answer;
using test::form_field;
using test::graph_error;

const char* const kApi = "https://graph.example/v25.0/";
const char* const kImageUrl = "https://noticias.example.mx/announce-images/abc.jpg";

struct Fixture : test::SeedDriverRig {
  explicit Fixture(TargetType type = TargetType::instagram) : SeedDriverRig("insta", type, "https://graph.example") {
    target.as<MetaSettings>().account_id = "17841400008460056";
    target.as<MetaSettings>().token = "IGQVJtoken1";
    target.as<MetaSettings>().api_version = "v25.0";
    DeliveryImage image;
    image.media_type = "image/jpeg";
    image.bytes = "\xff\xd8\xff jpeg";
    image.width = 1080;
    image.height = 1080;
    image.alt = "Personal del IMM en el diplomado";
    image.url = kImageUrl;
    delivery.image = image;
    make();
  }

  void make(std::int64_t now_ms = kNow) { SeedDriverRig::make(test::fixed_driver_inputs(now_ms * 1000)); }
  MetaProgress progress() { return read_meta_progress(state.load_progress(delivery.id)); }
};

std::string status_body(const std::string& state, const std::string& detail = "") {
  return R"({"status_code":")" + state + R"(","status":")" + (detail.empty() ? state : detail) + R"(","id":"c1"})";
}

const std::string kQuotaFree = R"({"data":[{"quota_usage":2,"config":{"quota_total":100,"quota_duration":86400}}]})";
const std::string kQuotaFull = R"({"data":[{"quota_usage":100,"config":{"quota_total":100,"quota_duration":86400}}]})";

BOOST_AUTO_TEST_SUITE(meta_driver)

BOOST_AUTO_TEST_CASE(instagram_creates_polls_checks_the_limit_publishes_and_reads_the_permalink) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.method == "POST");
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/media");
  BOOST_TEST(form_field(step.request.body, "image_url") == kImageUrl);
  BOOST_TEST(form_field(step.request.body, "alt_text") == "Personal del IMM en el diplomado");
  BOOST_TEST(form_field(step.request.body, "access_token") == "IGQVJtoken1");
  std::string caption = form_field(step.request.body, "caption");
  BOOST_TEST(caption.rfind("Capacita IMM a su personal sobre violencia extrema\n\n", 0) == 0, caption);
  BOOST_TEST(caption.find("\n\n" + f.post_url + "\n\n#Local #IMM #capacitación") != std::string::npos, caption);
  BOOST_TEST(step.request.body.rfind("image_url=", 0) == 0, step.request.body);

  step = attempt->next(answer(200, R"({"id":"c1"})"), kNow);
  BOOST_TEST(f.progress().container == "c1");  // saved before the poll
  BOOST_TEST(!f.progress().publishing);
  BOOST_TEST(step.request.method == "GET");
  BOOST_TEST(step.request.url == std::string(kApi) + "c1?fields=status_code,status&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, status_body("IN_PROGRESS")), kNow);
  BOOST_TEST(step.send_at_ms == kNow + 2000);  // polled again later
  step = attempt->next(answer(200, status_body("FINISHED")), kNow + 2000);
  BOOST_TEST(step.request.url == std::string(kApi) +
                                     "17841400008460056/content_publishing_limit?fields=quota_usage,config&"
                                     "access_token=IGQVJtoken1");
  step = attempt->next(answer(200, kQuotaFree), kNow + 2000);
  BOOST_TEST(f.progress().publishing);  // saved before the publish
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/media_publish");
  BOOST_TEST(step.request.body == "creation_id=c1&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, R"({"id":"17918920912345678"})"), kNow + 2000);
  BOOST_TEST(step.request.url == std::string(kApi) + "17918920912345678?fields=permalink&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, R"({"permalink":"https://www.instagram.com/p/AbC123/","id":"17918920912345678"})"),
                       kNow + 2000);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "17918920912345678");
  BOOST_TEST(step.outcome.remote_url == "https://www.instagram.com/p/AbC123/");
}

BOOST_AUTO_TEST_CASE(a_restart_polls_the_saved_container_and_publishes_it_without_creating_another) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, false});
  f.make();  // a new daemon
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST(step.request.url == std::string(kApi) + "c7?fields=status_code,status&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  BOOST_TEST(step.request.body == "creation_id=c7&access_token=IGQVJtoken1");
}

BOOST_AUTO_TEST_CASE(a_lost_publish_answer_is_looked_up_before_publishing_again) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, true});
  f.delivery.attempts = 2;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("PUBLISHED")), kNow);
  BOOST_TEST(step.request.url == std::string(kApi) +
                                     "17841400008460056/media?fields=id,caption,permalink,timestamp&limit=25&"
                                     "access_token=IGQVJtoken1");
  boost::json::object mine{{"id", "1791"}, {"caption", "Capacita IMM\n\n" + f.post_url},
                           {"permalink", "https://www.instagram.com/p/Xyz/"}};
  boost::json::object other{{"id", "1790"}, {"caption", "Otra cosa"}};
  step = attempt->next(answer(200, boost::json::serialize(boost::json::object{{"data", {other, mine}}})), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "1791");
  BOOST_TEST(step.outcome.remote_url == "https://www.instagram.com/p/Xyz/");
}

BOOST_AUTO_TEST_CASE(a_publish_that_did_not_go_out_is_published_again_after_the_look_up) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, true});
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  BOOST_TEST(step.request.url.find("/media?fields=id,caption") != std::string::npos, step.request.url);
  step = attempt->next(answer(200, R"({"data":[]})"), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  BOOST_TEST(step.request.body == "creation_id=c7&access_token=IGQVJtoken1");
}

BOOST_AUTO_TEST_CASE(no_answer_to_the_publish_retries_and_keeps_the_container) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, false});
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  HttpResponse lost;
  lost.error = "Connection reset by peer";
  step = attempt->next(lost, kNow);
  BOOST_TEST(step.request.url == std::string(kApi) + "c7?fields=status_code,status&access_token=IGQVJtoken1");
  step = attempt->next(HttpResponse{}, kNow);  // the container cannot be read either
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(f.progress().container == "c7");
  BOOST_TEST(f.progress().publishing);
}

BOOST_AUTO_TEST_CASE(a_refused_publish_reads_the_container_which_may_say_it_went_out) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, false});
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  step = attempt->next(answer(400, graph_error(100, 0, "The media has already been published")), kNow);
  step = attempt->next(answer(200, status_body("PUBLISHED")), kNow);
  BOOST_TEST(step.request.url.find("/media?fields=id,caption") != std::string::npos, step.request.url);

  // Not published: the refusal stands, and nothing is marked as gone out.
  step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, R"({"data":[]})"), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  step = attempt->next(answer(400, graph_error(100, 0, "Invalid parameter")), kNow);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error == "POST media_publish: Instagram refused it (code 100: Invalid parameter)");
  BOOST_TEST(!f.progress().publishing);
}

BOOST_AUTO_TEST_CASE(error_and_expired_containers_are_made_again_and_a_refused_image_is_dead) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, false});
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("EXPIRED")), kNow);
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/media");
  step = attempt->next(answer(200, R"({"id":"c8"})"), kNow);
  step = attempt->next(answer(200, status_body("ERROR", "2207003: timeout downloading the media")), kNow);
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/media");
  BOOST_TEST(f.progress().container.empty());
  step = attempt->next(answer(200, R"({"id":"c9"})"), kNow);
  step = attempt->next(answer(200, status_body("ERROR", "2207009")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error == "Instagram could not make the container (2207009)");
}

BOOST_AUTO_TEST_CASE(at_the_publishing_limit_the_lane_waits_and_the_delivery_is_kept) {
  Fixture f;
  f.state.progress[3] = meta_progress_text({"c7", kNow - 60000, false});
  f.delivery.attempts = 5;  // the last one max_attempts allows: a wait still never drops it
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, kQuotaFull), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);
  BOOST_TEST(step.outcome.retry_at_ms == kNow + kDay / 100);
  BOOST_TEST(step.outcome.error.find("daily publishing limit is reached (at 100 of 100)") != std::string::npos,
             step.outcome.error);
  BOOST_TEST(!f.progress().publishing);

  // The publish itself refused for the limit (code 9): the same wait.
  step = f.start(attempt);
  step = attempt->next(answer(200, status_body("FINISHED")), kNow);
  step = attempt->next(answer(200, kQuotaFree), kNow);
  step = attempt->next(answer(400, graph_error(9, 2207042, "Reached the maximum number of posts")), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);
  BOOST_TEST(!f.progress().publishing);
}

BOOST_AUTO_TEST_CASE(a_day_old_token_is_refreshed_and_saved_before_use) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt, kNow + kDay);
  BOOST_TEST(step.request.method == "GET");
  BOOST_TEST(step.request.url ==
             "https://graph.example/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, R"({"access_token":"IGQVJtoken2","token_type":"bearer","expires_in":5183944})"),
                       kNow + kDay);
  MetaToken kept = read_meta_token(f.state.saved["insta"], "IGQVJtoken1", 0);
  BOOST_TEST(kept.token == "IGQVJtoken2");
  BOOST_TEST(kept.obtained_ms == kNow + kDay);
  BOOST_TEST(form_field(step.request.body, "access_token") == "IGQVJtoken2");
  BOOST_TEST(f.driver->redact("x IGQVJtoken2 y") == "x [redacted] y");

  // A restart goes on with the refreshed token.
  f.make(kNow + kDay);
  step = f.start(attempt, kNow + kDay);
  BOOST_TEST(form_field(step.request.body, "access_token") == "IGQVJtoken2");
}

BOOST_AUTO_TEST_CASE(an_expired_token_is_dead_with_instructions_and_stops_the_target) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt, kNow + kDay);
  step = attempt->next(answer(400, graph_error(190, 463, "Error validating access token: Session has expired")),
                       kNow + kDay);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error ==
             "Instagram refused the token (code 190, subcode 463: Error validating access token: Session has "
             "expired): get a new long-lived token (docs/targets.md, Instagram), put it in token or token_file, "
             "run herald reload, then herald retry --target insta");
}

BOOST_AUTO_TEST_CASE(instagram_skips_a_post_without_an_image) {
  Fixture f;
  f.delivery.image.reset();
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error.rfind("skipped: Instagram needs an image", 0) == 0, step.outcome.error);

  DeliveryImage refused;
  refused.note = "the image /uploads/a.png was refused: too small";
  f.delivery.image = refused;
  step = f.start(attempt);
  BOOST_TEST(step.outcome.error ==
             "skipped: Instagram needs an image and the image /uploads/a.png was refused: too small");
}

BOOST_AUTO_TEST_CASE(threads_posts_text_or_an_image_by_url) {
  Fixture f(TargetType::threads);
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/threads");
  BOOST_TEST(form_field(step.request.body, "media_type") == "IMAGE");
  BOOST_TEST(form_field(step.request.body, "image_url") == kImageUrl);
  std::string text = form_field(step.request.body, "text");
  BOOST_TEST(count_threads(text) <= 500u);
  BOOST_TEST(text.find(f.post_url) != std::string::npos, text);
  step = attempt->next(answer(200, R"({"id":"t1"})"), kNow);
  BOOST_TEST(step.request.url == std::string(kApi) + "t1?fields=status,error_message&access_token=IGQVJtoken1");
  step = attempt->next(answer(200, R"({"status":"FINISHED","id":"t1"})"), kNow);
  BOOST_TEST(step.request.url.find("/threads_publishing_limit?fields=quota_usage,config") != std::string::npos);
  step = attempt->next(answer(200, R"({"data":[{"quota_usage":0,"config":{"quota_total":250,"quota_duration":86400}}]})"),
                       kNow);
  BOOST_TEST(step.request.url == std::string(kApi) + "17841400008460056/threads_publish");

  f.delivery.image.reset();
  f.state.progress.clear();
  step = f.start(attempt);
  BOOST_TEST(form_field(step.request.body, "media_type") == "TEXT");
  BOOST_TEST(form_field(step.request.body, "image_url") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
