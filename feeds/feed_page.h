// The HTML page of one feed, for a person who opens the feed in a browser:
// the feed's title and description, a "subscribe" box (the feed's address
// in a read-only field, a copy button, a link to each format) and its
// entries (title linked to the post, image with its alt text, date, section,
// tags, summary), in the feed's language (Spanish for "es*", English
// otherwise). SiteRenderer writes it next to the feed's formats as
// feeds.page_file; herald's server sends it at the feed's URLs to clients
// that prefer text/html (daemon/serve/http_negotiation.h).
//
// Dates are written in `zone` (the site's time zone) as text, with the
// instant in <time datetime="...Z">; a tiny inline script (no external
// resource) shows them again in the reader's zone and wires the copy button,
// which stays hidden without JavaScript: the page works without it.
// Pure: a function of its arguments, built with pugixml (html_page.h).
#pragma once

#include <string>

#include "feeds/feed.h"
#include "feeds/time_zone.h"

namespace herald {

// The address the page offers to subscribe to: the feed in its first format.
std::string subscribe_url(const Feed& feed);

std::string write_feed_page(const Feed& feed, const TimeZone& zone);

// `instant` as a person reads it in `zone`, e.g. "August 10, 2021, 16:17
// (UTC-06:00)" or "10 de agosto de 2021, 16:17 (UTC-06:00)"; "(UTC)" when
// the offset is zero.
std::string local_date_text(const Timestamp& instant, const TimeZone& zone, bool spanish);

}  // namespace herald
