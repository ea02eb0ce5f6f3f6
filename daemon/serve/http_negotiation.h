// Request header rules of RFC 9110 that decide a file response: content
// coding (Accept-Encoding with q-values), conditional requests
// (If-None-Match, If-Modified-Since). HTTP-dates: feeds/http_date.h.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/http_date.h"

namespace herald {

// True when the client accepts gzip: "gzip" (or "x-gzip") with q > 0, or "*"
// with q > 0 when gzip is not listed. Parsing stops at the first malformed
// element (Beast ext_list): what precedes it counts.
bool accepts_gzip(std::string_view accept_encoding);

// If-None-Match: true when `etag` (quoted, strong) is in the list by the weak
// comparison ("W/" prefixes ignored), or the list is "*".
bool none_match_fails(std::string_view if_none_match, std::string_view etag);


}  // namespace herald
