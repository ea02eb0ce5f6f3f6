#include "daemon/targets/retry_hints.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "feeds/http_date.h"
#include "feeds/text.h"
#include "feeds/time_zone.h"
#include "feeds/timestamp.h"

namespace herald {
namespace {

constexpr double kEpochThreshold = 1e9;  // seconds: 2001-09-09, longer than any delta

// A non-negative decimal number of seconds ("120", "1.5"); nullopt otherwise.
std::optional<double> seconds_value(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos) {
    return std::nullopt;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// An absolute date: RFC 3339 (Mastodon's X-RateLimit-Reset) or an HTTP-date.
std::optional<std::int64_t> date_ms(const std::string& text) {
  std::string error;
  if (auto t = parse_timestamp(text, TimeZone::utc(), &error)) return t->unix_seconds * 1000;
  std::optional<std::time_t> seconds = parse_http_date(text);
  if (!seconds) return std::nullopt;
  return static_cast<std::int64_t>(*seconds) * 1000;
}

std::int64_t saturating_ms(double seconds) {
  constexpr double kMax = 1e15;  // ~31,000 years: larger waits are capped by the policy anyway
  return static_cast<std::int64_t>(std::min(seconds * 1000.0, kMax));
}

bool quota_spent(const HttpHeaders& headers) {
  for (std::string_view name : {"ratelimit-remaining", "x-ratelimit-remaining"}) {
    const std::string* value = find_header(headers, name);
    if (value && trim(*value) == "0") return true;
  }
  return false;
}

std::optional<std::int64_t> retry_after_ms(const HttpHeaders& headers, std::int64_t now_ms) {
  const std::string* value = find_header(headers, "retry-after");
  if (!value) return std::nullopt;
  std::string text = trim(*value);
  if (auto seconds = seconds_value(text)) return now_ms + saturating_ms(*seconds);
  std::optional<std::int64_t> at = date_ms(text);
  if (!at) return std::nullopt;
  // The wait the server meant is Retry-After - Date, whatever our clock says.
  const std::string* date = find_header(headers, "date");
  std::optional<std::int64_t> server_now = date ? date_ms(trim(*date)) : std::nullopt;
  return now_ms + (*at - server_now.value_or(now_ms));
}

// A non-negative JSON number as milliseconds, `value` counting `unit_ms` each.
std::optional<std::chrono::milliseconds> json_wait(const boost::json::value* value, double unit_ms) {
  if (value == nullptr || !value->is_number()) return std::nullopt;
  boost::system::error_code ec;
  double number = value->to_number<double>(ec);
  if (ec || !std::isfinite(number) || number < 0) return std::nullopt;
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(std::min(std::ceil(number * unit_ms), 1e15)));
}

}  // namespace

std::optional<std::chrono::milliseconds> body_retry_after(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const boost::json::object& object = parsed.get_object();
  if (auto wait = json_wait(object.if_contains("retry_after"), 1000.0)) return wait;
  if (const boost::json::value* parameters = object.if_contains("parameters")) {
    if (parameters->is_object()) {
      if (auto wait = json_wait(parameters->get_object().if_contains("retry_after"), 1000.0)) return wait;
    }
  }
  return json_wait(object.if_contains("retry_after_ms"), 1.0);
}

const std::string* find_header(const HttpHeaders& headers, std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

std::optional<std::int64_t> header_instant_ms(std::string_view value, std::int64_t now_ms,
                                              bool epoch_if_large) {
  std::string text = trim(value);
  if (auto seconds = seconds_value(text)) {
    if (epoch_if_large && *seconds > kEpochThreshold) return saturating_ms(*seconds);
    return now_ms + saturating_ms(*seconds);
  }
  return date_ms(text);
}

std::optional<std::int64_t> server_retry_at_ms(int status, const HttpHeaders& headers,
                                               std::optional<std::chrono::milliseconds> body_wait,
                                               std::int64_t now_ms) {
  std::optional<std::int64_t> at = retry_after_ms(headers, now_ms);
  auto later = [&at](std::optional<std::int64_t> other) {
    if (other && (!at || *other > *at)) at = other;
  };
  if (body_wait) later(now_ms + body_wait->count());
  if (status == 429 || quota_spent(headers)) {
    for (std::string_view name : {"ratelimit-reset", "x-ratelimit-reset"}) {
      if (const std::string* value = find_header(headers, name)) {
        later(header_instant_ms(*value, now_ms, true));
      }
    }
  }
  return at;
}

}  // namespace herald
