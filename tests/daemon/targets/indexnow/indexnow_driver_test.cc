// The IndexNow driver: the stored batch becomes the protocol's JSON request
// (host, key, keyLocation, urlList), each documented answer its outcome
// (200 and 202 sent; 400, 403 and 422 dead with reasons naming what to fix,
// the key never shown; 429 and 5xx retried, Retry-After honoured), a post's
// payload is the batch of its URL, a dry run shows the key redacted.
#include "daemon/targets/indexnow/indexnow_batch.h"
#include "daemon/targets/indexnow/indexnow_driver.h"
#include "daemon/targets/retry_hints.h"
#include "daemon/targets/shown_request.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

const std::string kKey = "0123456789abcdef-KEY";
constexpr std::int64_t kNow = 1'700'000'000'000;

Config indexnow_config() {
  Config config;
  config.site.url = "https://noticias.example.gov/";
  config.output.dir = "/srv/site/public";
  config.content.rules.permalink = "/:year/:slug/";
  TargetConfig target;
  target.name = "search";
  target.type = TargetType::indexnow;
  target.url = "https://api.indexnow.org/indexnow";
  IndexNowSettings settings;
  settings.key = kKey;
  target.settings = settings;
  config.targets.push_back(target);
  return config;
}

std::unique_ptr<TargetDriver> driver_of(const Config& config) {
  DriverResult made = make_target_driver(config.targets.at(0), config, nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok());
  return std::move(*made);
}

Delivery batch(const std::vector<std::string>& urls, int attempts = 1) {
  Delivery delivery;
  delivery.id = 7;
  delivery.target = "search";
  delivery.attempts = attempts;
  delivery.payload = indexnow_batch_payload(urls);
  return delivery;
}

DeliveryOutcome outcome_of(const Config& config, const HttpResponse& response, int attempts = 1) {
  std::unique_ptr<TargetDriver> driver = driver_of(config);
  std::unique_ptr<DeliveryAttempt> attempt = driver->attempt(batch({"https://noticias.example.gov/a/"}, attempts));
  BOOST_TEST_REQUIRE((attempt->first(kNow).kind == AttemptStep::Kind::send));
  AttemptStep done = attempt->next(response, kNow);
  BOOST_TEST_REQUIRE((done.kind == AttemptStep::Kind::done));
  return done.outcome;
}

HttpResponse answer(int status, std::string body = "", HttpHeaders headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indexnow_driver)

BOOST_AUTO_TEST_CASE(batches_round_trip_and_merge) {
  std::string payload = indexnow_batch_payload({"https://a/1", "https://a/2"});
  BOOST_TEST(payload == R"(["https://a/1","https://a/2"])");
  BOOST_TEST(*indexnow_batch_urls(payload) == (std::vector<std::string>{"https://a/1", "https://a/2"}),
             boost::test_tools::per_element());
  BOOST_TEST(indexnow_batch_urls("{}").error() == "an IndexNow batch must be a JSON array of URLs");
  BOOST_TEST(indexnow_batch_urls("[1]").error() == "an IndexNow batch must be a JSON array of URLs");
  BOOST_TEST(merge_batch_urls({"u1", "u2"}, {"u2", "u3", "u3"}) == (std::vector<std::string>{"u1", "u2", "u3"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_request_is_the_protocols_json) {
  Config config = indexnow_config();
  std::unique_ptr<TargetDriver> driver = driver_of(config);
  AttemptStep first =
      driver->attempt(batch({"https://noticias.example.gov/a/", "https://noticias.example.gov/b/"}))->first(kNow);
  BOOST_TEST_REQUIRE((first.kind == AttemptStep::Kind::send));
  BOOST_TEST(first.request.method == "POST");
  BOOST_TEST(first.request.url == "https://api.indexnow.org/indexnow");
  BOOST_TEST_REQUIRE(first.request.headers.size() == 1u);
  BOOST_TEST(first.request.headers[0].first == "content-type");
  BOOST_TEST(first.request.headers[0].second == "application/json; charset=utf-8");
  BOOST_TEST(boost::json::parse(first.request.body) ==
             boost::json::parse(R"({"host": "noticias.example.gov", "key": ")" + kKey +
                                R"(", "keyLocation": "https://noticias.example.gov/)" + kKey +
                                R"(.txt", "urlList": ["https://noticias.example.gov/a/", "https://noticias.example.gov/b/"]})"));
  config.targets[0].as<IndexNowSettings>().key_location = "https://cdn.example.gov/k.txt";
  AttemptStep moved = driver_of(config)->attempt(batch({"https://noticias.example.gov/a/"}))->first(kNow);
  BOOST_TEST(boost::json::parse(moved.request.body).at("keyLocation").as_string() == "https://cdn.example.gov/k.txt");
}

BOOST_AUTO_TEST_CASE(a_posts_payload_is_the_batch_of_its_url) {
  Config config = indexnow_config();
  Post post;
  post.id = "n1";
  post.title = "Obras";
  post.set_slug("obras");
  post.date = Timestamp{1'700'000'000, 0};
  BOOST_TEST(driver_of(config)->payload(post, DeliveryEvent::published, post.date) ==
             R"(["https://noticias.example.gov/2023/obras/"])");
}

BOOST_AUTO_TEST_CASE(a_stored_payload_that_is_no_batch_is_dead) {
  Delivery delivery = batch({});
  delivery.payload = "not json";
  AttemptStep first = driver_of(indexnow_config())->attempt(delivery)->first(kNow);
  BOOST_TEST_REQUIRE((first.kind == AttemptStep::Kind::done));
  BOOST_TEST((first.outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(first.outcome.error == "an IndexNow batch must be a JSON array of URLs");
}

BOOST_AUTO_TEST_CASE(ok_and_accepted_are_sent) {
  Config config = indexnow_config();
  BOOST_TEST((outcome_of(config, answer(200)).kind == DeliveryOutcome::Kind::sent));
  DeliveryOutcome pending = outcome_of(config, answer(202));
  BOOST_TEST((pending.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(pending.http_status == 202);
}

BOOST_AUTO_TEST_CASE(refusals_are_dead_and_say_what_to_fix) {
  Config config = indexnow_config();
  DeliveryOutcome bad = outcome_of(config, answer(400, "Bad request"));
  BOOST_TEST((bad.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(!bad.target_refused);
  BOOST_TEST(bad.error == "HTTP 400: IndexNow refused the request as malformed (the endpoint says: Bad request)");

  DeliveryOutcome key = outcome_of(config, answer(403));
  BOOST_TEST((key.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(key.target_refused);
  BOOST_TEST(key.http_status == 403);
  BOOST_TEST(key.error ==
             "HTTP 403: IndexNow did not accept the key: the key file at https://noticias.example.gov/[redacted].txt "
             "(herald writes it as /srv/site/public/[redacted].txt) must be served and hold exactly the configured "
             "key; fix it, then herald retry --target search");

  DeliveryOutcome host = outcome_of(config, answer(422));
  BOOST_TEST((host.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(!host.target_refused);
  BOOST_TEST(host.error ==
             "HTTP 422: IndexNow refused the batch: its URLs do not all belong to host noticias.example.gov, or the "
             "key does not match the key file at https://noticias.example.gov/[redacted].txt (herald writes it as "
             "/srv/site/public/[redacted].txt)");

  config.targets[0].as<IndexNowSettings>().key_location = "https://cdn.example.gov/k.txt";
  BOOST_TEST(outcome_of(config, answer(403)).error ==
             "HTTP 403: IndexNow did not accept the key: the key file at https://cdn.example.gov/k.txt must be served "
             "and hold exactly the configured key; fix it, then herald retry --target search");
}

BOOST_AUTO_TEST_CASE(too_many_requests_waits_for_retry_after_and_server_errors_retry) {
  Config config = indexnow_config();
  DeliveryOutcome limited = outcome_of(config, answer(429, "", {{"retry-after", "120"}}));
  BOOST_TEST((limited.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(limited.http_status == 429);
  BOOST_TEST(limited.retry_at_ms >= kNow + 120'000);
  DeliveryOutcome busy = outcome_of(config, answer(503));
  BOOST_TEST((busy.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST((outcome_of(config, answer(503), 12).kind == DeliveryOutcome::Kind::dead));
}

BOOST_AUTO_TEST_CASE(a_dry_run_hides_the_key) {
  Config config = indexnow_config();
  std::unique_ptr<TargetDriver> driver = driver_of(config);
  Result<std::vector<ShownRequest>> shown = preview_requests(*driver, batch({"https://noticias.example.gov/a/"}), kNow);
  BOOST_TEST_REQUIRE(shown.ok());
  BOOST_TEST(shown->at(0).body.find(kKey) == std::string::npos, shown->at(0).body);
  BOOST_TEST(shown->at(0).body.find("[redacted]") != std::string::npos, shown->at(0).body);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
