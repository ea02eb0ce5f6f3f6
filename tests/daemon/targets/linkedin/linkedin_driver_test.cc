// The LinkedIn driver's attempts step by step, without a network: the
// article post and its headers, the little-text commentary, the thumbnail
// upload, a refused token or version ending dead with instructions, a
// DUPLICATE_POST recorded as the post it names, a spent quota waiting until
// midnight UTC (later attempts without calling), the look-up after a lost
// answer, the dry run with the token hidden.
#include "daemon/targets/linkedin/linkedin_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/targets/linkedin/linkedin_answer.h"
#include "daemon/targets/linkedin/linkedin_requests.h"
#include "daemon/text/text_length.h"
#include "tests/daemon/targets/exchanges.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"
#include "tests/support/seed_post.h"

namespace herald {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1764417600000;       // 2025-11-29 12:00:00 UTC
constexpr std::int64_t kMidnight = 1764460800000;  // 2025-11-30 00:00:00 UTC

using test::answer;
using test::header;

const char* const kPosts = "https://api.example/rest/posts";
const char* const kLookUp =
    "https://api.example/rest/posts?author=urn%3Ali%3Aorganization%3A2414183&q=author&count=10&sortBy=LAST_MODIFIED";
const char* const kShare = "urn:li:share:7081234567890123456";

struct Fixture {
  Config config;
  TargetConfig target;
  std::unique_ptr<TargetDriver> driver;
  Delivery delivery;
  std::string post_url;

  Fixture() {
    config.site.url = "https://noticias.example.mx/";
    config.site.language = "es";
    config.content.rules.fields.id = "news_id";
    config.delivery.max_attempts = 5;
    target.name = "linkedin";
    target.type = TargetType::linkedin;
    target.settings = LinkedInSettings{};
    target.url = "https://api.example";
    target.as<LinkedInSettings>().author = "urn:li:organization:2414183";
    target.as<LinkedInSettings>().access_token = "AQVsecretToken";
    target.as<LinkedInSettings>().api_version = "202601";
    make();
  }

  void make() {
    DriverResult made = make_target_driver(target, config, nullptr, test::fixed_driver_inputs());
    BOOST_TEST_REQUIRE(made.ok(), made.error());
    driver = std::move(*made);
    Post post = test::parse_seed_post(config.content.rules);
    delivery.id = 3;
    delivery.post_id = "186509";
    delivery.target = "linkedin";
    delivery.event = "post.published";
    delivery.attempts = 1;
    delivery.payload = driver->payload(post, DeliveryEvent::published, Timestamp{kNow / 1000, 0});
    post_url = json::parse(delivery.payload).at("url").as_string().c_str();
  }

  void give_image() {
    DeliveryImage image;
    image.media_type = "image/jpeg";
    image.bytes = "\xFF\xD8jpeg bytes";
    image.width = 1200;
    image.height = 627;
    image.alt = "Capacita IMM a su personal";
    delivery.image = image;
  }

  AttemptStep start(std::unique_ptr<DeliveryAttempt>& attempt, std::int64_t now_ms = kNow) {
    attempt = driver->attempt(delivery);
    return attempt->first(now_ms);
  }
};

std::string linkedin_error(int status, const std::string& code, const std::string& message) {
  json::object error{{"status", status}, {"serviceErrorCode", 65600}, {"message", message}};
  if (!code.empty()) error["code"] = code;
  return json::serialize(error);
}

HttpResponse created(const std::string& urn) { return answer(201, "", {{"x-restli-id", urn}}); }

BOOST_AUTO_TEST_SUITE(linkedin_driver)

BOOST_AUTO_TEST_CASE(an_article_post_of_the_page) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.method == "POST");
  BOOST_TEST(step.request.url == kPosts);
  BOOST_TEST(header(step.request, "authorization") == "Bearer AQVsecretToken");
  BOOST_TEST(header(step.request, "linkedin-version") == "202601");
  BOOST_TEST(header(step.request, "x-restli-protocol-version") == "2.0.0");
  BOOST_TEST(header(step.request, "content-type") == "application/json");
  json::object body = json::parse(step.request.body).as_object();
  BOOST_TEST(body.at("author").as_string() == "urn:li:organization:2414183");
  BOOST_TEST(body.at("visibility").as_string() == "PUBLIC");
  BOOST_TEST(body.at("lifecycleState").as_string() == "PUBLISHED");
  BOOST_TEST(body.at("isReshareDisabledByAuthor").as_bool() == false);
  BOOST_TEST(json::serialize(body.at("distribution")) ==
             R"({"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]})");
  const json::object& article = body.at("content").at("article").as_object();
  BOOST_TEST(article.at("source").as_string() == f.post_url);
  BOOST_TEST(article.at("title").as_string() == "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(std::string(article.at("description").as_string().c_str()).rfind("El diplomado tiene", 0) == 0u);
  BOOST_TEST(!article.contains("thumbnail"));
  std::string commentary = body.at("commentary").as_string().c_str();
  BOOST_TEST(commentary.rfind("Capacita IMM a su personal sobre violencia extrema\n\nEl diplomado", 0) == 0u);
  BOOST_TEST(commentary.find("#IMM") != std::string::npos);     // a real hashtag stays one
  BOOST_TEST(commentary.find(f.post_url) == std::string::npos);  // the card carries the link

  step = attempt->next(created(kShare), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == kShare);
  BOOST_TEST(step.outcome.remote_url == "https://www.linkedin.com/feed/update/urn:li:share:7081234567890123456/");
  // The seed has an image, but the image step made no variant here.
  BOOST_TEST(step.outcome.error ==
             "posted without the thumbnail: no variant of the image was made for this delivery");
}

BOOST_AUTO_TEST_CASE(reserved_characters_of_the_values_are_escaped_and_the_title_is_plain) {
  Fixture f;
  json::object snapshot = json::parse(f.delivery.payload).as_object();
  snapshot["title"] = "Obras (fase 2) en *Centro* @ [sur]";
  snapshot["summary"] = "";
  f.delivery.payload = json::serialize(snapshot);
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  json::object body = json::parse(step.request.body).as_object();
  std::string commentary = body.at("commentary").as_string().c_str();
  BOOST_TEST(commentary.rfind("Obras \\(fase 2\\) en \\*Centro\\* \\@ \\[sur\\]\n\n#", 0) == 0u, commentary);
  BOOST_TEST(body.at("content").at("article").at("title").as_string() == "Obras (fase 2) en *Centro* @ [sur]");
}

BOOST_AUTO_TEST_CASE(a_long_summary_is_cut_to_3000_units) {
  Fixture f;
  json::object snapshot = json::parse(f.delivery.payload).as_object();
  std::string summary;
  for (int i = 0; i < 700; ++i) summary += "acción ";
  snapshot["summary"] = summary;
  f.delivery.payload = json::serialize(snapshot);
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  std::string commentary = json::parse(step.request.body).at("commentary").as_string().c_str();
  BOOST_TEST(count_utf16_units(commentary) <= 3000u);
  BOOST_TEST(commentary.find("…") != std::string::npos);
  BOOST_TEST(commentary.find("#IMM") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_image_is_uploaded_and_becomes_the_thumbnail) {
  Fixture f;
  f.give_image();
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == "https://api.example/rest/images?action=initializeUpload");
  BOOST_TEST(step.request.body == R"({"initializeUploadRequest":{"owner":"urn:li:organization:2414183"}})");
  BOOST_TEST(header(step.request, "linkedin-version") == "202601");
  step = attempt->next(
      answer(200, R"({"value":{"uploadUrlExpiresAt":1764421200000,)"
                  R"("uploadUrl":"https://www.linkedin.example/dms-uploads/sp/abc","image":"urn:li:image:C4E10AQ"}})"),
      kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.method == "PUT");
  BOOST_TEST(step.request.url == "https://www.linkedin.example/dms-uploads/sp/abc");
  BOOST_TEST(step.request.body == "\xFF\xD8jpeg bytes");
  BOOST_TEST(header(step.request, "content-type") == "image/jpeg");
  BOOST_TEST(header(step.request, "authorization") == "Bearer AQVsecretToken");
  step = attempt->next(answer(201, ""), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == kPosts);
  const json::value article = json::parse(step.request.body).at("content").at("article");
  BOOST_TEST(article.at("thumbnail").as_string() == "urn:li:image:C4E10AQ");
  BOOST_TEST(article.at("thumbnailAltText").as_string() == "Capacita IMM a su personal");
  step = attempt->next(created(kShare), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.error.empty());
}

BOOST_AUTO_TEST_CASE(a_refused_image_leaves_the_article_without_a_thumbnail) {
  Fixture f;
  DeliveryImage refused;
  refused.note = "it is more than the 5000000 bytes an image may have";
  f.delivery.image = refused;
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST(step.request.url == kPosts);
  step = attempt->next(created(kShare), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.error ==
             "posted without the thumbnail: it is more than the 5000000 bytes an image may have");

  f.give_image();  // the upload refused: the same
  step = f.start(attempt);
  step = attempt->next(answer(400, linkedin_error(400, "", "Invalid owner")), kNow);
  BOOST_TEST(step.request.url == kPosts);
  BOOST_TEST(json::parse(step.request.body).at("content").at("article").as_object().contains("thumbnail") == false);
  step = attempt->next(created(kShare), kNow);
  BOOST_TEST(step.outcome.error == "posted without the thumbnail: initializeUpload refused it (HTTP 400)");
}

BOOST_AUTO_TEST_CASE(an_expired_token_is_dead_with_instructions) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(
      answer(401, R"({"status":401,"serviceErrorCode":65601,"code":"REVOKED_ACCESS_TOKEN",)"
                  R"("message":"The token used in the request has been revoked by the user"})"),
      kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.http_status == 401);
  BOOST_TEST(step.outcome.error ==
             "POST /rest/posts: LinkedIn refused the access token (HTTP 401, REVOKED_ACCESS_TOKEN, serviceErrorCode "
             "65601: The token used in the request has been revoked by the user): it expired (tokens last 60 days) "
             "or was revoked; sign in again with the app (docs/targets.md, LinkedIn), put the new token in "
             "access_token or access_token_file, run herald reload, then herald retry --target linkedin");
}

BOOST_AUTO_TEST_CASE(a_sunset_version_and_a_missing_role_stop_the_target) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(426, linkedin_error(426, "NONEXISTENT_VERSION",
                                                              "Requested version 20230101 is not active")),
                                   kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error.find("LinkedIn no longer serves api_version 202601") != std::string::npos);
  BOOST_TEST(step.outcome.error.find("set api_version to a current version") != std::string::npos);

  f.start(attempt);
  step = attempt->next(answer(403, linkedin_error(403, "", "Not enough permissions to access: POST /posts")), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.target_refused);
  BOOST_TEST(step.outcome.error.find("w_organization_social") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_duplicate_post_is_sent_as_the_post_it_names) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(
      answer(422, linkedin_error(422, "DUPLICATE_POST", std::string("Content is a duplicate of ") + kShare)), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == kShare);
  BOOST_TEST(step.outcome.remote_url == "https://www.linkedin.com/feed/update/urn:li:share:7081234567890123456/");
}

BOOST_AUTO_TEST_CASE(a_duplicate_naming_nothing_is_looked_up) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(422, linkedin_error(422, "DUPLICATE_POST", "Content is a duplicate")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == kLookUp);
  step = attempt->next(answer(200, R"({"elements":[]})"), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(!step.outcome.target_refused);
}

BOOST_AUTO_TEST_CASE(other_invalid_posts_are_dead) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(
      answer(422, linkedin_error(422, "", "/commentary :: length exceeded")), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(!step.outcome.target_refused);
  BOOST_TEST(step.outcome.error ==
             "POST /rest/posts: LinkedIn refused the post (HTTP 422, serviceErrorCode 65600: /commentary :: length "
             "exceeded)");
}

BOOST_AUTO_TEST_CASE(a_spent_quota_waits_until_midnight_utc_and_later_attempts_wait_without_calling) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(429, linkedin_error(429, "", "Resource level throttle limit")), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.http_status == 429);  // pauses the target's lane
  BOOST_TEST(step.outcome.retry_at_ms == kMidnight);

  f.delivery.id = 4;
  step = f.start(attempt, kNow + 60'000);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.retry_at_ms == kMidnight);

  step = f.start(attempt, kMidnight);  // after midnight: posts
  BOOST_TEST((step.kind == AttemptStep::Kind::send));
}

BOOST_AUTO_TEST_CASE(a_429_with_retry_after_waits_that_long) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(429, "", {{"retry-after", "120"}}), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.retry_at_ms == kNow + 120'000);
}

BOOST_AUTO_TEST_CASE(after_a_lost_answer_the_post_found_on_the_page_is_sent) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;  // the first attempt timed out
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.method == "GET");
  BOOST_TEST(step.request.url == kLookUp);
  BOOST_TEST(header(step.request, "x-restli-protocol-version") == "2.0.0");
  json::object other{{"id", "urn:li:share:1"}, {"commentary", "Otra"},
                     {"content", {{"article", {{"source", "https://noticias.example.mx/otra/"}}}}}};
  json::object ours{{"id", "urn:li:ugcPost:2"}, {"content", {{"article", {{"source", f.post_url}}}}}};
  step = attempt->next(answer(200, json::serialize(json::object{{"elements", json::array{other, ours}}})), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::done));
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(step.outcome.remote_id == "urn:li:ugcPost:2");
}

BOOST_AUTO_TEST_CASE(a_look_up_that_finds_nothing_posts) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 502;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(200, R"({"elements":[],"paging":{"start":0,"count":10}})"), kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));
  BOOST_TEST(step.request.url == kPosts);
}

BOOST_AUTO_TEST_CASE(an_unreadable_page_follows_after_timeout) {
  Fixture f;
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  HttpResponse refused = answer(403, linkedin_error(403, "", "Not enough permissions to access: GET /posts"));
  AttemptStep step = attempt->next(refused, kNow);
  BOOST_TEST_REQUIRE((step.kind == AttemptStep::Kind::send));  // retry (the default) posts again
  BOOST_TEST(step.request.url == kPosts);

  f.target.as<LinkedInSettings>().after_timeout.retry_ambiguous = false;
  f.make();
  f.delivery.attempts = 2;
  f.delivery.last_status = 0;
  f.start(attempt);
  step = attempt->next(refused, kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error ==
             "an earlier attempt may have posted it and the page's posts cannot be read (HTTP 403, serviceErrorCode "
             "65600: Not enough permissions to access: GET /posts); not retried (after_timeout: give_up)");
}

BOOST_AUTO_TEST_CASE(a_server_error_retries) {
  Fixture f;
  std::unique_ptr<DeliveryAttempt> attempt;
  f.start(attempt);
  AttemptStep step = attempt->next(answer(503, ""), kNow);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(step.outcome.retry_at_ms > kNow);
}

BOOST_AUTO_TEST_CASE(the_dry_run_shows_the_requests_with_the_token_hidden) {
  Fixture f;
  f.give_image();
  Result<std::vector<HttpRequest>> requests = f.driver->preview(f.delivery, kNow);
  BOOST_TEST_REQUIRE(requests.ok());
  BOOST_TEST_REQUIRE(requests->size() == 3u);
  BOOST_TEST((*requests)[0].url == "https://api.example/rest/images?action=initializeUpload");
  BOOST_TEST((*requests)[1].method == "PUT");
  BOOST_TEST(f.driver->redact(header((*requests)[1], "authorization")) == "Bearer [redacted]");
  BOOST_TEST((*requests)[2].url == kPosts);
  BOOST_TEST(json::parse((*requests)[2].body).at("content").at("article").at("thumbnail").as_string() ==
             "<image URN from initializeUpload>");
  BOOST_TEST(f.driver->redact(header((*requests)[2], "authorization")) == "Bearer [redacted]");
}

BOOST_AUTO_TEST_CASE(only_new_posts_are_sent) {
  Fixture f;
  f.delivery.event = "post.updated";
  std::unique_ptr<DeliveryAttempt> attempt;
  AttemptStep step = f.start(attempt);
  BOOST_TEST((step.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(step.outcome.error == "linkedin targets announce new posts only; post.updated is not sent");
}

BOOST_AUTO_TEST_CASE(answers_are_read_by_their_fields) {
  BOOST_TEST(duplicate_post_urn(read_linkedin_error(
                 R"({"status":422,"code":"DUPLICATE_POST","message":"Content is a duplicate of urn:li:share:7081234567890123456"})")) ==
             kShare);
  BOOST_TEST(duplicate_post_urn(read_linkedin_error(
                 R"({"status":422,"message":"Content is a duplicate of urn:li:ugcPost:42."})")) == "urn:li:ugcPost:42");
  BOOST_TEST(duplicate_post_urn(read_linkedin_error(R"({"status":422,"message":"urn:li:share:1 is invalid"})")) == "");
  BOOST_TEST(read_linkedin_error("not json").describe() == "");
  BOOST_TEST(next_utc_midnight_ms(kNow) == kMidnight);
  BOOST_TEST(next_utc_midnight_ms(kMidnight) == kMidnight + 86'400'000);
  BOOST_TEST(!read_linkedin_upload(R"({"value":{"image":"urn:li:image:1"}})").ok());
}

BOOST_AUTO_TEST_CASE(the_token_goes_to_an_upload_url_over_https_or_on_the_api_origin_only) {
  LinkedInAccount account{"https://api.linkedin.com", "urn:li:organization:1", "t", "202601"};
  BOOST_TEST(linkedin_upload_takes_token(account, "https://www.linkedin.com/dms-uploads/sp/abc"));
  BOOST_TEST(!linkedin_upload_takes_token(account, "http://uploads.example/abc"));
  account.url = "http://127.0.0.1:8080";
  BOOST_TEST(linkedin_upload_takes_token(account, "http://127.0.0.1:8080/dms-uploads/1"));
  BOOST_TEST(!linkedin_upload_takes_token(account, "http://127.0.0.1:8081/dms-uploads/1"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
