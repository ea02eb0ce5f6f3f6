// The JSON body of a webhook (Standard Webhooks shape {type, timestamp,
// data}), built with Boost.JSON from a Post and the site's configuration.
//
//   {"type": "post.published" | "post.updated" | "post.deleted" (delivery_event_name),
//    "timestamp": "<RFC 3339 UTC of the event>",
//    "data": {"id", "title", "url", "summary", "date" (RFC 3339 in the
//             post's own offset), "section" (null: none), "tags": [...],
//             "image" (absolute URL, null: none), "image_alt" (null: no image),
//             "feeds": {"rss", "atom", "json"}     the main feed's URLs,
//             "section_feeds": {"rss", ...} | null the post's section feed,
//             "tag_feeds": [{"tag", "rss", ...}]   one per tag with a feed}}
//
// Feed objects hold the formats the family writes (feeds.<family>.formats);
// "feeds" is {} when the main feed is disabled. URLs are the ones the feed
// files are written to (feed_planner.h feed_paths against site.url); the
// image is resolved against the post's URL, as in the feeds' entries.
// post.deleted carries only {"id", "url", "title"} in data.
//
// Pure and deterministic: the event time is an argument; text is UTF-8 and
// kept as is (no \u escapes for accents).
#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "config/delivery_event.h"
#include "feeds/post.h"

namespace herald {

// The body bytes for `event` (a post event) about `post`, at `event_unix_seconds`.
std::string webhook_payload(DeliveryEvent event, const Post& post, const Config& config,
                            std::int64_t event_unix_seconds);

}  // namespace herald
