#include "daemon/targets/chat/chat_driver.h"

#include <boost/test/unit_test.hpp>

#include "tests/daemon/targets/chat/chat_seed.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1764417600000;

ChatRetry retry(bool retry_ambiguous) {
  ChatRetry r;
  r.policy.max_attempts = 5;
  r.policy.backoff_initial = std::chrono::milliseconds(1000);
  r.random = [] { return 1.0; };
  r.retry_ambiguous = retry_ambiguous;
  return r;
}

Delivery delivery() {
  Delivery d;
  d.id = 7;
  d.attempts = 1;
  return d;
}

HttpResponse timed_out() {
  HttpResponse r;
  r.timed_out = true;
  r.error = "Timeout was reached: Operation timed out after 2000 milliseconds with 0 bytes received";
  return r;
}

HttpResponse refused() {
  HttpResponse r;
  r.error = "Couldn't connect to server: Failed to connect to 127.0.0.1 port 9 after 0 ms";
  return r;
}

BOOST_AUTO_TEST_SUITE(chat_driver)

BOOST_AUTO_TEST_CASE(ambiguous_only_when_the_request_may_have_left) {
  BOOST_TEST(is_ambiguous(timed_out()));
  HttpResponse reset;
  reset.error = "Failure when receiving data from the peer: Recv failure: Connection reset by peer";
  BOOST_TEST(is_ambiguous(reset));
  BOOST_TEST(!is_ambiguous(refused()));
  BOOST_TEST(!is_ambiguous(test::response(500, "")));
  HttpResponse cancelled;
  cancelled.error = "cancelled";
  BOOST_TEST(!is_ambiguous(cancelled));
}

BOOST_AUTO_TEST_CASE(maybe_twice_retries_a_timeout) {
  DeliveryOutcome outcome = chat_outcome(timed_out(), {}, delivery(), retry(true), Redactor(), kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::retry));
  BOOST_TEST(outcome.retry_at_ms == kNow + 1000);
  BOOST_TEST(outcome.error == "timed out");
}

BOOST_AUTO_TEST_CASE(maybe_never_gives_up_on_a_timeout_but_not_on_a_refused_connection) {
  DeliveryOutcome outcome = chat_outcome(timed_out(), {}, delivery(), retry(false), Redactor(), kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error ==
             "timed out: the message may or may not have been posted; not retried (after_timeout: give_up)");
  outcome = chat_outcome(refused(), {}, delivery(), retry(false), Redactor(), kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::retry));
}

BOOST_AUTO_TEST_CASE(rate_limit_keeps_429_and_the_body_wait) {
  ChatReply reply;
  reply.body_wait = std::chrono::milliseconds(5000);
  DeliveryOutcome outcome = chat_outcome(test::response(429, "", {{"retry-after", "2"}}), reply, delivery(),
                                         retry(true), Redactor(), kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::retry));
  BOOST_TEST(outcome.http_status == 429);
  BOOST_TEST(outcome.retry_at_ms == kNow + 5000);
}

BOOST_AUTO_TEST_CASE(network_verdicts_come_first) {
  ChatReply posted;
  posted.posted = true;
  posted.remote_id = "1";
  posted.remote_url = "https://example.org/1";
  DeliveryOutcome outcome = chat_outcome(test::response(200, ""), posted, delivery(), retry(true), Redactor(), kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::sent));
  BOOST_TEST(outcome.id == 7);
  BOOST_TEST(outcome.remote_url == "https://example.org/1");
  ChatReply dead;
  dead.dead_reason = "HTTP 404: gone sekrit";
  Redactor redactor;
  redactor.add_secret("sekrit");
  outcome = chat_outcome(test::response(404, ""), dead, delivery(), retry(true), redactor, kNow);
  BOOST_TEST(static_cast<int>(outcome.kind) == static_cast<int>(DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error == "HTTP 404: gone [redacted]");
  BOOST_TEST(outcome.http_status == 404);
}

BOOST_AUTO_TEST_CASE(json_member_reads_strings_and_integers) {
  BOOST_TEST(json_member(R"({"a":{"b":42}})", {"a", "b"}) == "42");
  BOOST_TEST(json_member(R"({"a":"x"})", {"a"}) == "x");
  BOOST_TEST(json_member(R"({"a":1.5})", {"a"}) == "");
  BOOST_TEST(json_member("ok", {"a"}) == "");
  BOOST_TEST(json_member(R"({"a":"x"})", {"a", "b"}) == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
