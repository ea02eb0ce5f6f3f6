// What a server says about when to try again, read from response headers:
//
//   Retry-After: 120                          delta seconds
//   Retry-After: Wed, 21 Oct 2015 07:28:00 GMT an HTTP-date (libcurl's curl_getdate);
//                                            measured against the response's Date
//                                            header when present (clock skew)
//   RateLimit-Reset / X-RateLimit-Reset:      seconds to wait, or Unix epoch seconds
//                                            when larger than 10^9 (Bluesky, GitHub),
//                                            fractions allowed (Discord), or an
//                                            RFC 3339 / HTTP date (Mastodon)
//
// Retry-After is honoured on any response. A rate-limit reset is honoured on
// a 429, or when RateLimit-Remaining / X-RateLimit-Remaining is 0 (the quota
// is spent); otherwise it only tells when the quota refills.
// A wait the target read from the body (Discord's, Telegram's retry_after,
// Matrix's retry_after_ms) is passed in `body_wait`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herald {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;  // names lower-case

// The value of the first header named `lower_name`, or nullptr.
const std::string* find_header(const HttpHeaders& headers, std::string_view lower_name);

// The earliest time (Unix ms) the server allows the next request, or
// nullopt when it says nothing usable. May be <= now_ms.
std::optional<std::int64_t> server_retry_at_ms(int status, const HttpHeaders& headers,
                                               std::optional<std::chrono::milliseconds> body_wait,
                                               std::int64_t now_ms);

// One header value as an instant (Unix ms): delta seconds from `now_ms`,
// epoch seconds when `epoch_if_large` and the number exceeds 10^9, or a
// date (RFC 3339, or any form curl_getdate reads). nullopt: not a time.
std::optional<std::int64_t> header_instant_ms(std::string_view value, std::int64_t now_ms,
                                              bool epoch_if_large);

// The wait a JSON response body asks for, the first of:
//   {"retry_after": 64.57}                   Discord: seconds, fractions allowed
//   {"parameters": {"retry_after": 3}}       Telegram Bot API: seconds
//   {"retry_after_ms": 2000}                 Matrix (deprecated, still sent): milliseconds
// nullopt when the body is not JSON or holds none of them as a
// non-negative number.
std::optional<std::chrono::milliseconds> body_retry_after(std::string_view body);

}  // namespace herald
