// Request header rules of RFC 9110 that decide a file response: content
// coding (Accept-Encoding with q-values), conditional requests
// (If-None-Match, If-Modified-Since) and HTTP-dates.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

// True when the client accepts gzip: "gzip" (or "x-gzip") with q > 0, or "*"
// with q > 0 when gzip is not listed. Parsing stops at the first malformed
// element (Beast ext_list): what precedes it counts.
bool accepts_gzip(std::string_view accept_encoding);

// If-None-Match: true when `etag` (quoted, strong) is in the list by the weak
// comparison ("W/" prefixes ignored), or the list is "*".
bool none_match_fails(std::string_view if_none_match, std::string_view etag);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(std::time_t when);
// Accepts IMF-fixdate, RFC 850 and asctime forms (RFC 9110 5.6.7).
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace herald
