#include "daemon/targets/webhook/webhook_request.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/webhook/webhook_signature.h"

namespace herald {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// "name: value" lines (Boost.Test prints strings, not pairs).
std::string lines(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  return out;
}

const std::string kEllipsis = "\xE2\x80\xA6";
const std::string kAgent = std::string("herald/") + HERALD_VERSION;

TargetConfig target() {
  TargetConfig t;
  t.name = "news";
  t.type = TargetType::webhook;
  t.url = "https://hooks.example.com/in/abc123?token=zzz";
  t.as<WebhookSettings>().secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  return t;
}

Delivery delivery() {
  Delivery d;
  d.id = 3;
  d.message_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  d.payload = R"({"test": 2432232314})";
  return d;
}

BOOST_AUTO_TEST_SUITE(webhook_request)

BOOST_AUTO_TEST_CASE(standard_webhooks_headers_in_order) {
  Result<HttpRequest> r =
      build_webhook_request(target(), DeliveryConfig{}, delivery(), 1614265330);
  BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r->method == "POST");
  BOOST_TEST(r->url == "https://hooks.example.com/in/abc123?token=zzz");
  BOOST_TEST(r->body == R"({"test": 2432232314})");
  BOOST_TEST(lines(r->headers) ==
             lines(Headers{{"content-type", "application/json"},
                      {"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                      {"webhook-timestamp", "1614265330"},
                      {"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
                      {"user-agent", kAgent}}));
}

BOOST_AUTO_TEST_CASE(each_attempt_signs_its_own_time_with_the_same_id) {
  TargetConfig t = target();
  Delivery d = delivery();
  Result<HttpRequest> later = build_webhook_request(t, DeliveryConfig{}, d, 1614265390);
  BOOST_TEST_REQUIRE(later.ok());
  const Headers& h = later->headers;
  BOOST_TEST(h[1].second == d.message_id);
  BOOST_TEST(h[2].second == "1614265390");
  BOOST_TEST(verify_standard_webhook(t.as<WebhookSettings>().secret, d.message_id, 1614265390, d.payload, h[3].second));
}

BOOST_AUTO_TEST_CASE(hub_signature_and_custom_headers) {
  TargetConfig t = target();
  t.as<WebhookSettings>().hub_signature = true;
  t.as<WebhookSettings>().headers = {{"Authorization", "Bearer t0k3n"}, {"X-Site", "noticias"}};
  Result<HttpRequest> r = build_webhook_request(t, DeliveryConfig{}, delivery(), 1614265330);
  BOOST_TEST_REQUIRE(r.ok());
  const Headers& h = r->headers;
  BOOST_TEST_REQUIRE(h.size() == 8u);
  BOOST_TEST(h[4].first == "x-hub-signature-256");
  BOOST_TEST(h[4].second == hub_signature_256(t.as<WebhookSettings>().secret, delivery().payload));
  BOOST_TEST(lines({h[5], h[6], h[7]}) ==
             "user-agent: " + kAgent + "\nauthorization: Bearer t0k3n\nx-site: noticias\n");
}

BOOST_AUTO_TEST_CASE(custom_user_agent_replaces_ours_and_signed_headers_stay_ours) {
  TargetConfig t = target();
  t.as<WebhookSettings>().headers = {{"User-Agent", "newsroom/1"},
               {"Content-Type", "text/plain"},
               {"Webhook-Signature", "v1,forged"},
               {"X-Extra", "1"}};
  Result<HttpRequest> r = build_webhook_request(t, DeliveryConfig{}, delivery(), 1614265330);
  BOOST_TEST_REQUIRE(r.ok());
  BOOST_TEST(lines(r->headers) ==
             lines(Headers{{"content-type", "application/json"},
                      {"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                      {"webhook-timestamp", "1614265330"},
                      {"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
                      {"user-agent", "newsroom/1"},
                      {"x-extra", "1"}}));
}

BOOST_AUTO_TEST_CASE(timeouts_and_ca_file_from_the_target_else_the_delivery_section) {
  DeliveryConfig defaults;
  defaults.connect_timeout = std::chrono::milliseconds(4000);
  defaults.timeout = std::chrono::milliseconds(20000);
  defaults.ca_file = "/etc/herald/ca.pem";
  Result<HttpRequest> r = build_webhook_request(target(), defaults, delivery(), 1614265330);
  BOOST_TEST_REQUIRE(r.ok());
  BOOST_TEST(r->connect_timeout.count() == 4000);
  BOOST_TEST(r->timeout.count() == 20000);
  BOOST_TEST(r->ca_file == "/etc/herald/ca.pem");
  TargetConfig t = target();
  t.connect_timeout = std::chrono::milliseconds(1000);
  t.timeout = std::chrono::milliseconds(5000);
  t.ca_file = "/etc/herald/hooks.pem";
  r = build_webhook_request(t, defaults, delivery(), 1614265330);
  BOOST_TEST_REQUIRE(r.ok());
  BOOST_TEST(r->connect_timeout.count() == 1000);
  BOOST_TEST(r->timeout.count() == 5000);
  BOOST_TEST(r->ca_file == "/etc/herald/hooks.pem");
}

BOOST_AUTO_TEST_CASE(a_bad_secret_is_an_error_that_names_the_target_only) {
  TargetConfig t = target();
  t.as<WebhookSettings>().secret = "whsec_not*base64";
  Result<HttpRequest> r = build_webhook_request(t, DeliveryConfig{}, delivery(), 1614265330);
  BOOST_TEST(!r.ok());
  BOOST_TEST(r.error() ==
             "target \"news\": the secret is not a Standard Webhooks secret (\"whsec_\" followed by "
             "base64)");
}

BOOST_AUTO_TEST_CASE(redact_hides_the_url_the_secret_and_header_values) {
  TargetConfig t = target();
  t.as<WebhookSettings>().headers = {{"Authorization", "Bearer t0k3n"}};
  std::string text =
      "POST https://hooks.example.com/in/abc123?token=zzz with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw "
      "(key MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw) and Bearer t0k3n";
  BOOST_TEST(redact(t, text) == "POST https://hooks.example.com/" + kEllipsis +
                                    " with [redacted] (key [redacted]) and [redacted]");
  BOOST_TEST(redact(t, "GET /in/abc123?token=zzz") == "GET [redacted]");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
