// The Mastodon driver's attempts, step by step, without a network: the
// requests it names and what it makes of the answers.
#include "daemon/targets/mastodon/mastodon_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

#include "daemon/targets/mastodon/mastodon_limits.h"
#include "feeds/post_parser.h"
#include "feeds/time_zone.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"
#include "tests/daemon/targets/memory_state.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1764417600000;

using test::MemoryState;

Config site_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.site.language = "es-MX";
  config.content.rules.fields.id = "news_id";
  config.delivery.max_attempts = 5;
  config.delivery.backoff_initial = std::chrono::milliseconds(1000);
  return config;
}

TargetConfig mastodon_target() {
  TargetConfig target;
  target.name = "toot";
  target.type = TargetType::mastodon;
  target.settings = MastodonSettings{};
  target.url = "https://mastodon.example";
  target.as<MastodonSettings>().token = "s3cr3t-token";
  target.as<MastodonSettings>().visibility = "public";
  return target;
}

Post seed_post(const Config& config) {
  PostParseResult r = parse_post("000_cd72f1639913488c.txt", test::read_file(test::seed_post_path()),
                                 config.content.rules, *TimeZone::load("America/Chihuahua"));
  BOOST_TEST_REQUIRE(r.post.has_value());
  return *r.post;
}

struct Fixture {
  Config config = site_config();
  TargetConfig target = mastodon_target();
  MemoryState state;
  std::unique_ptr<TargetDriver> driver;
  Delivery delivery;

  Fixture() { make(); }
  void make() {
    DriverResult made = make_mastodon_driver(target, config, &state, test::fixed_driver_inputs());
    BOOST_TEST_REQUIRE(made.ok(), made.error());
    driver = std::move(*made);
    delivery.id = 7;
    delivery.post_id = "186509";
    delivery.target = "toot";
    delivery.event = "post.published";
    delivery.message_id = "msg_2Yt";
    delivery.attempts = 1;
    delivery.payload = driver->payload(seed_post(config), DeliveryEvent::published, Timestamp{});
  }
};

HttpResponse answer(int status, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

const std::string kInstance =
    R"({"configuration":{"statuses":{"max_characters":120,"characters_reserved_per_url":23},)"
    R"("media_attachments":{"supported_mime_types":["image/png"],"image_size_limit":100}}})";
const std::string kImageUrl = "https://noticias.example.mx/uploads/2021/images-unnamed.png";

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

boost::json::object body_of(const AttemptStep& step) {
  return boost::json::parse(step.request.body).as_object();
}

BOOST_AUTO_TEST_SUITE(mastodon_driver)

BOOST_AUTO_TEST_CASE(limits_image_upload_polling_then_the_status) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v2/instance");

  step = attempt->next(answer(200, kInstance), kNow);
  BOOST_TEST(step.request.method == "GET");
  BOOST_TEST(step.request.url == kImageUrl);
  BOOST_TEST(f.state.saved.count("toot") == 1u);

  step = attempt->next(answer(200, "PNG", {{"content-type", "image/png"}}), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v2/media");
  BOOST_TEST_REQUIRE(step.request.form.size() == 2u);
  BOOST_TEST(step.request.form[0].data == "PNG");
  BOOST_TEST(step.request.form[0].filename == "images-unnamed.png");
  BOOST_TEST(step.request.form[1].data == "Capacita IMM a su personal sobre violencia extrema");

  step = attempt->next(answer(202, R"({"id":"55"})"), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/media/55");
  BOOST_TEST(step.send_at_ms == kNow + 1000);
  step = attempt->next(answer(206, R"({"id":"55"})"), kNow + 1000);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/media/55");
  BOOST_TEST(step.send_at_ms == kNow + 1000 + 2000);
  step = attempt->next(answer(200, R"({"id":"55"})"), kNow + 3000);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(header(step.request, "idempotency-key") == "msg_2Yt");
  BOOST_TEST(header(step.request, "authorization") == "Bearer s3cr3t-token");
  boost::json::object body = body_of(step);
  BOOST_TEST(boost::json::serialize(body.at("media_ids")) == R"(["55"])");
  BOOST_TEST(body.at("language").as_string() == "es");
  BOOST_TEST(body.at("status").as_string() ==
             "Capacita IMM a su personal sobre violencia extrema\n\nEl diplomado…\n\n"
             "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/"
             "\n\n#Local #IMM #capacitación");

  step = attempt->next(answer(200, R"({"id":"9","url":"https://mastodon.example/@n/9"})"), kNow + 3100);
  BOOST_TEST((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_url == "https://mastodon.example/@n/9");
}

BOOST_AUTO_TEST_CASE(cached_limits_skip_the_instance_and_survive_a_new_driver) {
  Fixture f;
  MastodonLimits limits;
  limits.max_characters = 120;
  limits.fetched_ms = kNow - 1000;
  f.state.saved["toot"] = mastodon_limits_state(limits);
  f.target.as<MastodonSettings>().text.attach_image = false;
  f.make();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(body_of(step).at("status").as_string().size() < 200u);
  BOOST_TEST(!body_of(step).contains("media_ids"));
  // A day later they are read again.
  attempt = f.driver->attempt(f.delivery);
  BOOST_TEST(attempt->first(kNow + kMastodonLimitsMaxAgeMs).request.url ==
             "https://mastodon.example/api/v2/instance");
}

BOOST_AUTO_TEST_CASE(v1_instance_when_v2_is_missing) {
  Fixture f;
  f.target.as<MastodonSettings>().text.attach_image = false;
  f.make();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(answer(404, "{}"), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/instance");
  step = attempt->next(answer(200, R"({"max_toot_chars":5000})"), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(read_mastodon_limits_state(f.state.saved.at("toot"))->max_characters == 5000u);
}

BOOST_AUTO_TEST_CASE(an_unusable_image_means_a_text_only_status) {
  std::vector<HttpResponse> images = {
      answer(404, "gone"),
      answer(200, std::string(101, 'x'), {{"content-type", "image/png"}}),  // over the 100-byte limit
      answer(200, "GIF", {{"content-type", "image/gif"}}),                  // not supported
  };
  for (const HttpResponse& image : images) {
    Fixture f;
    std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
    attempt->first(kNow);
    attempt->next(answer(200, kInstance), kNow);
    AttemptStep step = attempt->next(image, kNow);
    BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/statuses");
    BOOST_TEST(!body_of(step).contains("media_ids"));
  }
}

BOOST_AUTO_TEST_CASE(the_stored_variant_is_uploaded_without_a_fetch) {
  Fixture f;
  f.delivery.image = DeliveryImage{"image/png", "VARIANT", 16, 9, "Personal del IMM", "", ""};
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(answer(200, kInstance), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v2/media");
  BOOST_TEST_REQUIRE(step.request.form.size() == 2u);
  BOOST_TEST(step.request.form[0].data == "VARIANT");
  BOOST_TEST(step.request.form[0].filename == "image.png");
  BOOST_TEST(step.request.form[1].data == "Personal del IMM");
}

BOOST_AUTO_TEST_CASE(a_refused_image_goes_as_text_and_the_sent_outcome_says_why) {
  Fixture f;
  DeliveryImage refused;
  refused.note = "the image /uploads/2021/images-unnamed.png was refused: it has no pixels";
  f.delivery.image = refused;
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(answer(200, kInstance), kNow);
  BOOST_TEST(step.request.url == "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(!body_of(step).contains("media_ids"));
  step = attempt->next(answer(200, R"({"id":"9","url":"https://mastodon.example/@n/9"})"), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.error == "posted without the image: " + refused.note);
}

BOOST_AUTO_TEST_CASE(an_image_still_processing_after_a_minute_retries_later) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  attempt->next(answer(200, kInstance), kNow);
  attempt->next(answer(200, "PNG", {{"content-type", "image/png"}}), kNow);
  AttemptStep step = attempt->next(answer(202, R"({"id":"55"})"), kNow);
  std::int64_t now = kNow;
  int polls = 0;
  while (step.kind == AttemptStep::Kind::send) {
    BOOST_TEST_REQUIRE(++polls < 20);
    now = step.send_at_ms;
    step = attempt->next(answer(206, R"({"id":"55"})"), now);
  }
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.error == "the server was still processing the image after 60 s");
  BOOST_TEST(now - kNow >= 60000);
  BOOST_TEST(now - kNow < 75000);
}

BOOST_AUTO_TEST_CASE(preview_shows_every_request_with_a_placeholder_media_id) {
  Fixture f;
  Result<std::vector<HttpRequest>> preview = f.driver->preview(f.delivery, kNow);
  BOOST_TEST_REQUIRE(preview.ok(), preview.error());
  const std::vector<HttpRequest>& requests = *preview;
  BOOST_TEST_REQUIRE(requests.size() == 4u);
  BOOST_TEST(requests[0].url == "https://mastodon.example/api/v2/instance");
  BOOST_TEST(requests[1].url == kImageUrl);
  BOOST_TEST(shown_body(requests[2]) ==
             "multipart/form-data:\n  file=<0 bytes of image/png> (file images-unnamed.png)\n"
             "  description=Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(boost::json::serialize(boost::json::parse(requests[3].body).at("media_ids")) ==
             R"(["<media id>"])");
  BOOST_TEST(f.driver->redact(header(requests[3], "authorization")) == "Bearer [redacted]");
}

BOOST_AUTO_TEST_CASE(other_events_and_bad_templates) {
  Fixture f;
  f.delivery.event = "post.deleted";
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error == "mastodon targets announce new posts only; post.deleted is not sent");
  f.target.as<MastodonSettings>().text.text_template = "{title";
  DriverResult made = make_mastodon_driver(f.target, f.config, nullptr, test::fixed_driver_inputs());
  BOOST_TEST(!made.ok());
  BOOST_TEST(made.error().rfind("target toot: template: line 1, column ", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
