#include "daemon/targets/retry_policy.h"

#include <boost/test/unit_test.hpp>

#include <random>

namespace herald {
namespace {

using std::chrono::milliseconds;
using Kind = RetryDecision::Kind;

constexpr std::int64_t kNow = 1445412480000;  // Wed, 21 Oct 2015 07:28:00 GMT

RetryPolicy policy() {
  RetryPolicy p;
  p.max_attempts = 5;
  p.backoff_initial = milliseconds(10000);
  p.backoff_max = milliseconds(80000);
  p.jitter = Jitter::equal;
  return p;
}

UniformRandom fixed(double r) {
  return [r] { return r; };
}

HttpResponse response(int status, HttpHeaders headers = {}, std::string body = {}) {
  HttpResponse a;
  a.status = status;
  a.headers = std::move(headers);
  a.body = std::move(body);
  return a;
}

RetryDecision decide(const HttpResponse& a, int attempts = 1, double r = 0.0,
                     const Redactor& redactor = {},
                     std::optional<milliseconds> body_wait = {}) {
  return decide_retry(a, attempts, policy(), kNow, fixed(r), redactor, body_wait);
}

BOOST_AUTO_TEST_SUITE(retry_policy)

BOOST_AUTO_TEST_CASE(success_is_sent) {
  for (int status : {200, 201, 202, 204, 299}) {
    RetryDecision d = decide(response(status));
    BOOST_TEST((d.kind == Kind::sent), status);
    BOOST_TEST(d.reason == "");
  }
}

BOOST_AUTO_TEST_CASE(transient_statuses_retry_after_the_backoff) {
  for (int status : {408, 425, 429, 500, 502, 503, 504, 507, 520}) {
    RetryDecision d = decide(response(status));
    BOOST_TEST((d.kind == Kind::retry), status);
    BOOST_TEST(d.retry_at_ms == kNow + 5000, status);  // equal jitter, r = 0: backoff / 2
    BOOST_TEST(!d.permanent_for_target);
  }
  BOOST_TEST(decide(response(503)).reason == "HTTP 503 Service Unavailable");
  BOOST_TEST(decide(response(429)).reason == "HTTP 429 Too Many Requests");
  BOOST_TEST(decide(response(425)).reason == "HTTP 425");
}

BOOST_AUTO_TEST_CASE(permanent_statuses_are_dead_with_a_reason) {
  struct Case {
    int status;
    std::string reason;
    bool target;
  };
  const Case cases[] = {
      {400, "HTTP 400 Bad Request: the receiver rejected the request", false},
      {401, "HTTP 401 Unauthorized: the receiver refused the credentials: check the secret or token", true},
      {403, "HTTP 403 Forbidden: the receiver refused access: check the secret or token", true},
      {404, "HTTP 404 Not Found: nothing at the url: the webhook or endpoint may have been deleted", true},
      {405, "HTTP 405 Method Not Allowed: the url does not accept this method", false},
      {410, "HTTP 410 Gone: the receiver removed this webhook", true},
      {413, "HTTP 413 Payload Too Large: the request is larger than the receiver accepts", false},
      {422, "HTTP 422 Unprocessable Entity: the receiver rejected the content", false},
      {409, "HTTP 409 Conflict: the receiver rejected the request", false},
      {499, "HTTP 499 Client Closed Request: the receiver rejected the request", false},
      {501, "HTTP 501 Not Implemented: the receiver does not support the request", false},
      {301, "HTTP 301 Moved Permanently: redirects are not followed: update the url", false},
      {302, "HTTP 302 Found: redirects are not followed: update the url", false},
      {308, "HTTP 308 Permanent Redirect: redirects are not followed: update the url", false},
  };
  for (const Case& c : cases) {
    RetryDecision d = decide(response(c.status));
    BOOST_TEST((d.kind == Kind::dead), c.status);
    BOOST_TEST(d.reason == c.reason);
    BOOST_TEST(d.permanent_for_target == c.target, c.status);
    BOOST_TEST(d.retry_at_ms == 0);
  }
}

BOOST_AUTO_TEST_CASE(unexpected_statuses_retry) {
  RetryDecision d = decide(response(101));
  BOOST_TEST((d.kind == Kind::retry));
  BOOST_TEST(d.reason == "HTTP 101 Switching Protocols: unexpected status");
  BOOST_TEST(decide(response(600)).reason == "HTTP 600: unexpected status");
}

BOOST_AUTO_TEST_CASE(reasons_quote_a_short_text_body) {
  RetryDecision d = decide(response(422, {}, "{\"error\":\n  \"title missing\"}\n"));
  BOOST_TEST(d.reason ==
             "HTTP 422 Unprocessable Entity: the receiver rejected the content "
             "(response: {\"error\": \"title missing\"})");
  // Slack answers errors in plain text.
  BOOST_TEST(decide(response(410, {}, "channel_is_archived")).reason ==
             "HTTP 410 Gone: the receiver removed this webhook (response: channel_is_archived)");
  // HTML error pages and binary bodies are left out.
  BOOST_TEST(decide(response(502, {}, "<html><body>Bad Gateway</body></html>")).reason ==
             "HTTP 502 Bad Gateway");
  BOOST_TEST(decide(response(400, {}, std::string("\xff\xfe", 2))).reason ==
             "HTTP 400 Bad Request: the receiver rejected the request");
}

BOOST_AUTO_TEST_CASE(long_bodies_are_cut_on_a_character_boundary) {
  std::string body(199, 'a');
  body += "ñandú";  // 'ñ' takes bytes 199-200: the cut falls inside it
  RetryDecision d = decide(response(400, {}, body));
  BOOST_TEST(d.reason == "HTTP 400 Bad Request: the receiver rejected the request (response: " +
                             std::string(199, 'a') + "\xE2\x80\xA6)");
}

BOOST_AUTO_TEST_CASE(transport_failures_retry) {
  HttpResponse timeout;
  timeout.timed_out = true;
  RetryDecision d = decide(timeout);
  BOOST_TEST((d.kind == Kind::retry));
  BOOST_TEST(d.reason == "timed out");
  HttpResponse refused;
  refused.error = "Failed to connect to hooks.example.com port 443: Connection refused";
  d = decide(refused);
  BOOST_TEST((d.kind == Kind::retry));
  BOOST_TEST(d.reason ==
             "network error: Failed to connect to hooks.example.com port 443: Connection refused");
  BOOST_TEST(decide(HttpResponse{}).reason == "network error: no response");
}

BOOST_AUTO_TEST_CASE(reasons_are_redacted) {
  Redactor redactor;
  redactor.add_url("https://hooks.example.com/services/T000/B000/XXXX");
  redactor.add_secret("tok3n");
  HttpResponse failed;
  failed.error = "URL rejected: https://hooks.example.com/services/T000/B000/XXXX";
  BOOST_TEST(decide(failed, 1, 0, redactor).reason ==
             "network error: URL rejected: https://hooks.example.com/\xE2\x80\xA6");
  BOOST_TEST(decide(response(401, {}, "bad token tok3n"), 1, 0, redactor).reason ==
             "HTTP 401 Unauthorized: the receiver refused the credentials: check the secret or "
             "token (response: bad token [redacted])");
}

BOOST_AUTO_TEST_CASE(max_attempts_makes_a_retryable_failure_dead) {
  RetryDecision d = decide(response(503), 4);
  BOOST_TEST((d.kind == Kind::retry));
  d = decide(response(503), 5);
  BOOST_TEST((d.kind == Kind::dead));
  BOOST_TEST(d.reason == "gave up after 5 attempts: HTTP 503 Service Unavailable");
  HttpResponse timeout;
  timeout.timed_out = true;
  BOOST_TEST(decide(timeout, 7).reason == "gave up after 7 attempts: timed out");
  // A permanent error says what it is, whatever the attempt.
  BOOST_TEST(decide(response(410), 5).reason == "HTTP 410 Gone: the receiver removed this webhook");
}

BOOST_AUTO_TEST_CASE(backoff_doubles_up_to_the_cap) {
  RetryPolicy p = policy();
  p.jitter = Jitter::full;
  const std::int64_t expected[] = {10000, 20000, 40000, 80000, 80000, 80000};
  for (int attempts = 1; attempts <= 6; ++attempts) {
    BOOST_TEST(backoff_delay(attempts, p, fixed(1.0)).count() == expected[attempts - 1]);
    BOOST_TEST(backoff_delay(attempts, p, fixed(0.0)).count() == 0);
  }
  p.jitter = Jitter::equal;
  BOOST_TEST(backoff_delay(3, p, fixed(0.0)).count() == 20000);
  BOOST_TEST(backoff_delay(3, p, fixed(0.5)).count() == 30000);
  // Far past the cap: no overflow.
  BOOST_TEST(backoff_delay(1000, p, fixed(1.0)).count() == 80000);
  p.backoff_max = milliseconds(24L * 3600 * 1000 * 365);
  BOOST_TEST(backoff_delay(200, p, fixed(1.0)).count() == p.backoff_max.count());
}

BOOST_AUTO_TEST_CASE(jitter_stays_within_its_bounds) {
  std::mt19937_64 engine(42);
  UniformRandom random = [&engine] {
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
  RetryPolicy p = policy();
  for (Jitter jitter : {Jitter::full, Jitter::equal}) {
    p.jitter = jitter;
    std::int64_t low = 1 << 30, high = 0;
    for (int i = 0; i < 2000; ++i) {
      std::int64_t d = backoff_delay(2, p, random).count();
      low = std::min(low, d);
      high = std::max(high, d);
    }
    std::int64_t floor = jitter == Jitter::full ? 0 : 10000;
    BOOST_TEST(low >= floor);
    BOOST_TEST(high <= 20000);
    // Spread over the range, not stuck at one value.
    BOOST_TEST(low < floor + 1000);
    BOOST_TEST(high > 19000);
  }
}

BOOST_AUTO_TEST_CASE(never_earlier_than_the_server_asks) {
  BOOST_TEST(decide(response(429, {{"retry-after", "600"}})).retry_at_ms == kNow + 600000);
  BOOST_TEST(decide(response(503, {{"retry-after", "Wed, 21 Oct 2015 07:38:00 GMT"}})).retry_at_ms ==
             kNow + 600000);
  BOOST_TEST(decide(response(429, {{"ratelimit-reset", "1445412600"}})).retry_at_ms ==
             1445412600000);
  // A shorter wait than the backoff: the backoff holds.
  BOOST_TEST(decide(response(429, {{"retry-after", "1"}})).retry_at_ms == kNow + 5000);
  // Discord's body retry_after, read by its target.
  BOOST_TEST(decide(response(429), 1, 0, {}, milliseconds(64500)).retry_at_ms == kNow + 64500);
}

BOOST_AUTO_TEST_CASE(waits_are_capped) {
  RetryDecision d = decide(response(429, {{"retry-after", "864000"}}));  // ten days
  BOOST_TEST((d.kind == Kind::retry));
  BOOST_TEST(d.retry_at_ms == kNow + 24L * 3600 * 1000);
}

BOOST_AUTO_TEST_CASE(policy_from_the_configuration) {
  TargetConfig target;
  DeliveryConfig delivery;
  RetryPolicy p = retry_policy_for(target, delivery);
  BOOST_TEST(p.max_attempts == 12);
  BOOST_TEST(p.backoff_initial.count() == 30000);
  BOOST_TEST(p.backoff_max.count() == 6L * 3600 * 1000);
  target.max_attempts = 3;
  BOOST_TEST(retry_policy_for(target, delivery).max_attempts == 3);
}

BOOST_AUTO_TEST_CASE(decisions_become_outbox_outcomes) {
  RetryDecision retry = decide(response(503));
  DeliveryOutcome o = to_delivery_outcome(retry, 7, kNow, 503);
  BOOST_TEST((o.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(o.id == 7);
  BOOST_TEST(o.at_ms == kNow);
  BOOST_TEST(o.retry_at_ms == kNow + 5000);
  BOOST_TEST(o.http_status == 503);
  BOOST_TEST(o.error == "HTTP 503 Service Unavailable");
  o = to_delivery_outcome(decide(response(410)), 8, kNow, 410);
  BOOST_TEST((o.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(o.error == "HTTP 410 Gone: the receiver removed this webhook");
  o = to_delivery_outcome(decide(response(200)), 9, kNow, 200);
  BOOST_TEST((o.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(o.error == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
