#include "daemon/targets/retry_hints.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

constexpr std::int64_t kNow = 1445412480000;  // Wed, 21 Oct 2015 07:28:00 GMT

constexpr std::int64_t kNone = -1;  // no hint (Boost.Test cannot print an optional)

std::int64_t hint(int status, HttpHeaders headers,
                  std::optional<std::chrono::milliseconds> body_wait = {}) {
  return server_retry_at_ms(status, headers, body_wait, kNow).value_or(kNone);
}

std::int64_t instant(std::string_view value, bool epoch_if_large) {
  return header_instant_ms(value, kNow, epoch_if_large).value_or(kNone);
}

BOOST_AUTO_TEST_SUITE(retry_hints)

BOOST_AUTO_TEST_CASE(retry_after_delta_seconds) {
  BOOST_TEST(hint(429, {{"retry-after", "120"}}) == kNow + 120000);
  BOOST_TEST(hint(503, {{"retry-after", " 0 "}}) == kNow);
}

BOOST_AUTO_TEST_CASE(retry_after_http_date) {
  BOOST_TEST(hint(503, {{"retry-after", "Wed, 21 Oct 2015 07:30:00 GMT"}}) == kNow + 120000);
  // Measured against the server's Date when it sends one: its clock may differ from ours.
  BOOST_TEST(hint(503, {{"date", "Wed, 21 Oct 2015 07:29:00 GMT"},
                        {"retry-after", "Wed, 21 Oct 2015 07:30:00 GMT"}}) == kNow + 60000);
  // A date in the past allows a retry now (or earlier: the caller's backoff decides).
  BOOST_TEST(hint(503, {{"retry-after", "Wed, 21 Oct 2015 07:27:00 GMT"}}) == kNow - 60000);
}

BOOST_AUTO_TEST_CASE(unreadable_values_say_nothing) {
  BOOST_TEST(hint(503, {{"retry-after", "soon"}}) == kNone);
  BOOST_TEST(hint(503, {{"retry-after", ""}}) == kNone);
  BOOST_TEST(hint(429, {{"ratelimit-reset", "later"}}) == kNone);
  BOOST_TEST(hint(503, {}) == kNone);
}

BOOST_AUTO_TEST_CASE(rate_limit_reset_forms) {
  // Delta seconds (IETF RateLimit draft), epoch seconds (Bluesky, GitHub),
  // fractional epoch (Discord), ISO 8601 (Mastodon).
  BOOST_TEST(hint(429, {{"ratelimit-reset", "30"}}) == kNow + 30000);
  BOOST_TEST(hint(429, {{"ratelimit-reset", "1445412600"}}) == 1445412600000);
  BOOST_TEST(hint(429, {{"x-ratelimit-reset", "1445412600.250"}}) == 1445412600250);
  BOOST_TEST(hint(429, {{"x-ratelimit-reset", "2015-10-21T07:30:00.000Z"}}) == 1445412600000);
  BOOST_TEST(hint(429, {{"x-ratelimit-reset", "1.5"}}) == kNow + 1500);
}

BOOST_AUTO_TEST_CASE(rate_limit_reset_counts_on_429_or_a_spent_quota) {
  BOOST_TEST(hint(503, {{"x-ratelimit-reset", "60"}, {"x-ratelimit-remaining", "250"}}) == kNone);
  BOOST_TEST(hint(503, {{"x-ratelimit-reset", "60"}, {"x-ratelimit-remaining", "0"}}) ==
             kNow + 60000);
  BOOST_TEST(hint(200, {{"ratelimit-remaining", "0"}, {"ratelimit-reset", "5"}}) == kNow + 5000);
}

BOOST_AUTO_TEST_CASE(the_latest_hint_wins) {
  BOOST_TEST(hint(429, {{"retry-after", "10"}, {"ratelimit-reset", "40"}}) == kNow + 40000);
  BOOST_TEST(hint(429, {{"retry-after", "50"}, {"ratelimit-reset", "40"}}) == kNow + 50000);
  BOOST_TEST(hint(429, {{"retry-after", "5"}}, std::chrono::milliseconds(7500)) == kNow + 7500);
  BOOST_TEST(hint(500, {}, std::chrono::milliseconds(2000)) == kNow + 2000);
}

BOOST_AUTO_TEST_CASE(header_instant_without_epoch_reading) {
  BOOST_TEST(instant("1445412600", false) == kNow + 1445412600000);
  BOOST_TEST(instant("1445412600", true) == 1445412600000);
}

BOOST_AUTO_TEST_CASE(find_header_takes_the_first) {
  HttpHeaders headers{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  BOOST_TEST_REQUIRE(find_header(headers, "a") != nullptr);
  BOOST_TEST(*find_header(headers, "a") == "1");
  BOOST_TEST(find_header(headers, "c") == nullptr);
}

std::int64_t body_wait(std::string_view body) {
  std::optional<std::chrono::milliseconds> wait = body_retry_after(body);
  return wait ? wait->count() : kNone;
}

BOOST_AUTO_TEST_CASE(body_waits_of_discord_telegram_and_matrix) {
  BOOST_TEST(body_wait(R"({"message":"You are being rate limited.","retry_after":64.57,"global":false})") ==
             64570);
  BOOST_TEST(body_wait(R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3",)"
                       R"("parameters":{"retry_after":3}})") == 3000);
  BOOST_TEST(body_wait(R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000})") ==
             2000);
  BOOST_TEST(body_wait(R"({"retry_after":0.0004})") == 1);  // rounded up, never sooner
}

BOOST_AUTO_TEST_CASE(body_without_a_usable_wait) {
  BOOST_TEST(body_wait("") == kNone);
  BOOST_TEST(body_wait("ratelimited") == kNone);
  BOOST_TEST(body_wait("[1]") == kNone);
  BOOST_TEST(body_wait(R"({"retry_after":"5"})") == kNone);
  BOOST_TEST(body_wait(R"({"retry_after":-1})") == kNone);
  BOOST_TEST(body_wait(R"({"parameters":7})") == kNone);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
