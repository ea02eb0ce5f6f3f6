// The X driver's attempts step by step, without a network: the rotating
// refresh token saved before it is used, a refused one ending dead with
// instructions, the look-up after a lost answer, 429's reset; the image
// uploaded with its alt text, kept in the delivery's progress for a retry
// or a restart (until it expires), refused images posted without.
#include "daemon/targets/x/x_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "daemon/targets/retry_hints.h"
#include "daemon/targets/x/x_media.h"
#include "daemon/targets/x/x_oauth.h"
#include "daemon/targets/x/x_progress.h"
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

  // A delivery with the image step's variant, and a fresh access token kept.
  void make_with_image() {
    state.saved["equis"] = x_tokens_state({"seed-refresh", "refresh-2", "access-2", kNow + 3600000, ""});
    make();
    delivery.image = DeliveryImage{"image/jpeg", std::string("\xff\xd8\xff\xe0 jpeg", 9), 1200, 675,
                                   "Personal del IMM en el aula", "", ""};
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

BOOST_AUTO_TEST_CASE(the_image_is_uploaded_described_and_posted_and_a_retry_reuses_it) {
  Fixture f;
  f.make_with_image();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == "https://api.x.example/2/media/upload");
  BOOST_TEST(header(step.request, "authorization") == "Bearer access-2");
  BOOST_TEST_REQUIRE(step.request.form.size() == 2u);
  BOOST_TEST(step.request.form[0].name == "media");
  BOOST_TEST(step.request.form[0].data == f.delivery.image->bytes);
  BOOST_TEST(step.request.form[0].filename == "image.jpg");
  BOOST_TEST(step.request.form[0].content_type == "image/jpeg");
  BOOST_TEST(step.request.form[1].name == "media_category");
  BOOST_TEST(step.request.form[1].data == "tweet_image");

  step = attempt->next(answer(200, R"({"data":{"id":"1880000000000000001","media_key":"3_1880000000000000001",)"
                                   R"("size":9,"expires_after_secs":86400}})"),
                       kNow);
  // Kept before the next step: a restart posts this media.
  XProgress kept = read_x_progress(f.state.progress.at(3));
  BOOST_TEST(kept.media_id == "1880000000000000001");
  BOOST_TEST(kept.expires_ms == kNow + 86400 * 1000);
  BOOST_TEST(!kept.described);
  BOOST_TEST(step.request.url == "https://api.x.example/2/media/metadata");
  BOOST_TEST(header(step.request, "authorization") == "Bearer access-2");
  BOOST_TEST(step.request.body ==
             R"({"id":"1880000000000000001","metadata":{"alt_text":{"text":"Personal del IMM en el aula"}}})");

  step = attempt->next(answer(200, R"({"data":{"id":"1880000000000000001"}})"), kNow);
  BOOST_TEST(read_x_progress(f.state.progress.at(3)).described);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  boost::json::value body = boost::json::parse(step.request.body);
  BOOST_TEST(boost::json::serialize(body.at("media")) == R"({"media_ids":["1880000000000000001"]})");
  step = attempt->next(answer(429, R"({"title":"Too Many Requests","status":429})"), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));

  // The retry (after a restart: a new driver) posts the same media at once.
  f.make();
  f.delivery.attempts = 2;
  f.delivery.last_status = 429;
  attempt = f.driver->attempt(f.delivery);
  step = attempt->first(kNow + 60000);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  BOOST_TEST(boost::json::serialize(boost::json::parse(step.request.body).at("media")) ==
             R"({"media_ids":["1880000000000000001"]})");
  step = attempt->next(answer(201, R"({"data":{"id":"1790000000000000001","text":"..."}})"), kNow + 60000);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.error == "");
}

BOOST_AUTO_TEST_CASE(a_media_id_about_to_expire_is_uploaded_again) {
  Fixture f;
  f.make_with_image();
  f.state.progress[3] = x_progress_text({"1880000000000000001", kNow + kXMediaMarginMs - 1, true});
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  AttemptStep step = attempt->first(kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/media/upload");
  // Without expires_after_secs, a media id is taken to last 24 hours.
  step = attempt->next(answer(200, R"({"data":{"id":"1880000000000000002"}})"), kNow);
  BOOST_TEST(read_x_progress(f.state.progress.at(3)).expires_ms == kNow + kXMediaLifeMs);
  BOOST_TEST(step.request.url == "https://api.x.example/2/media/metadata");
}

BOOST_AUTO_TEST_CASE(a_refused_image_or_alt_text_is_posted_without_and_said) {
  Fixture f;
  f.make_with_image();
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(
      answer(400, R"({"title":"Invalid Request","detail":"media type unrecognized.","status":400})"), kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  BOOST_TEST(!boost::json::parse(step.request.body).as_object().contains("media"));
  step = attempt->next(answer(201, R"({"data":{"id":"1790000000000000001","text":"..."}})"), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.error ==
             "posted without the image: X refused the image (HTTP 400: media type unrecognized.)");

  // The alt text refused: the image goes without one.
  f.state.progress.clear();
  attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  step = attempt->next(answer(200, R"({"data":{"id":"1880000000000000001"}})"), kNow);
  step = attempt->next(answer(400, R"({"title":"Invalid Request","detail":"bad alt text","status":400})"), kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  BOOST_TEST(boost::json::serialize(boost::json::parse(step.request.body).at("media")) ==
             R"({"media_ids":["1880000000000000001"]})");
  step = attempt->next(answer(201, R"({"data":{"id":"1790000000000000002","text":"..."}})"), kNow);
  BOOST_TEST(step.outcome.error == "posted without alt text: X refused its alt text (HTTP 400: bad alt text)");

  // The image step refused the image: its reason goes with the post.
  f.delivery.image = DeliveryImage{};
  f.delivery.image->note = "the image /uploads/a.png was refused: it has no pixels";
  attempt = f.driver->attempt(f.delivery);
  step = attempt->first(kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
  step = attempt->next(answer(201, R"({"data":{"id":"1790000000000000003","text":"..."}})"), kNow);
  BOOST_TEST(step.outcome.error ==
             "posted without the image: the image /uploads/a.png was refused: it has no pixels");

  // `image: false`: no upload, no note.
  f.target.as<XSettings>().text.attach_image = false;
  f.make();
  f.delivery.image = DeliveryImage{"image/jpeg", "\xff\xd8\xff", 1, 1, "alt", "", ""};
  step = f.driver->attempt(f.delivery)->first(kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/tweets");
}

BOOST_AUTO_TEST_CASE(upload_errors_are_handled_as_the_post_s) {
  Fixture f;
  f.make_with_image();
  // 401: the token is renewed once, then the upload is sent again.
  std::unique_ptr<DeliveryAttempt> attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  AttemptStep step = attempt->next(answer(401, R"({"title":"Unauthorized","status":401})"), kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/oauth2/token");
  step = attempt->next(answer(200, R"({"token_type":"bearer","expires_in":7200,"access_token":"access-3",)"
                                   R"("refresh_token":"refresh-3"})"),
                       kNow);
  BOOST_TEST(step.request.url == "https://api.x.example/2/media/upload");
  BOOST_TEST(header(step.request, "authorization") == "Bearer access-3");
  // 403 (no media.write): dead, the target stopped.
  step = attempt->next(answer(403, R"({"title":"Forbidden","detail":"Forbidden","status":403})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error ==
             "X refused the image upload (HTTP 403: Forbidden); authorize herald again with the "
             "media.write scope (docs/targets.md, X), or set image: false");
  // 429: waits until the reset, the lane paused.
  attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  std::int64_t reset_s = kNow / 1000 + 900;
  step = attempt->next(answer(429, "{}", {{"x-rate-limit-reset", std::to_string(reset_s)}}), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);
  BOOST_TEST(step.outcome.retry_at_ms >= reset_s * 1000);
  // 503: retried; nothing was kept.
  attempt = f.driver->attempt(f.delivery);
  attempt->first(kNow);
  step = attempt->next(answer(503, "{}"), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(f.state.progress.count(3) == 0u);
}

BOOST_AUTO_TEST_CASE(the_dry_run_shows_the_upload_the_alt_text_and_the_post) {
  Fixture f;
  f.make_with_image();
  Result<std::vector<HttpRequest>> shown = f.driver->preview(f.delivery, kNow);
  BOOST_TEST_REQUIRE(shown.ok(), shown.error());
  BOOST_TEST_REQUIRE(shown->size() == 3u);
  BOOST_TEST(shown->at(0).url == "https://api.x.example/2/media/upload");
  BOOST_TEST(shown_body(shown->at(0)).find("<9 bytes of image/jpeg>") != std::string::npos, shown_body(shown->at(0)));
  BOOST_TEST(shown->at(1).body ==
             R"({"id":"<media id from the upload>","metadata":{"alt_text":{"text":"Personal del IMM en el aula"}}})");
  BOOST_TEST(boost::json::serialize(boost::json::parse(shown->at(2).body).at("media")) ==
             R"({"media_ids":["<media id from the upload>"]})");
}

BOOST_AUTO_TEST_CASE(alt_text_is_cut_at_1000_units) {
  std::string alt;
  for (int i = 0; i < 300; ++i) alt += "niño ";
  HttpRequest request = x_alt_text_request("https://api.x.example", "a", "1", alt);
  std::string text(boost::json::parse(request.body).at("metadata").at("alt_text").at("text").as_string());
  BOOST_TEST(count_utf16_units(text) <= kXAltTextMax);
  BOOST_TEST(text.rfind("niño niño", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
