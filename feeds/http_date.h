// HTTP-dates (RFC 9110 section 5.6.7): Date, Last-Modified,
// If-Modified-Since and Retry-After. Day and month names are English
// whatever the process locale is.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(std::time_t when);
// Accepts IMF-fixdate, RFC 850 and asctime forms (surrounding blanks
// ignored); nullopt for anything else.
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace herald
