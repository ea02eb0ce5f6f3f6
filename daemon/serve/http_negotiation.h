// Request header rules of RFC 9110 that decide a file response: content
// coding (Accept-Encoding with q-values), the page or the feed at a feed's
// URL (Accept), conditional requests (If-None-Match, If-Modified-Since).
// HTTP-dates: feeds/http_date.h.
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

// Whether a client sending `accept` gets a feed's HTML page rather than the
// feed, whose media type is `feed_type` ("application/rss+xml", parameters
// ignored): only when text/html's q (from the most specific range that
// covers it: text/html, else text/*, else */*) is strictly greater than the
// q of each of the feed's own type, application/xml and text/xml (and
// application/json for a JSON feed), each from its most specific range. A
// browser's "text/html,...,application/xml;q=0.9,*/*;q=0.8" gets the page;
// no Accept, "*/*" and feed readers get the feed. A malformed header (a
// range that is not type/subtype, an unclosed quote) gets the feed.
bool prefers_html(std::string_view accept, std::string_view feed_type);

// If-None-Match: true when `etag` (quoted, strong) is in the list by the weak
// comparison ("W/" prefixes ignored), or the list is "*".
bool none_match_fails(std::string_view if_none_match, std::string_view etag);


}  // namespace herald
