// The Bluesky post of a delivery (pure). Everything that must be the same
// on every attempt is fixed when the delivery is created and stored as its
// payload, so a retry puts the same record under the same key and the PDS
// answers it as a no-op (putRecord with swapRecord null: the same record
// again changes nothing, a different one is refused with InvalidSwap):
//
//   {"rkey": TID (bluesky_tid.h),
//    "record": {"$type": "app.bsky.feed.post", "text", "createdAt",
//               "langs": [language], "facets": [...]}   (no embed),
//    "embed": "card" | "images",
//    "card": {"uri", "title", "description"},          (the post's page)
//    "image": {"url", "alt"}}                          (url "" when none)
//
// or {"error": "..."} when no record can be made (the text does not fit):
// the delivery then ends dead with that reason.
//
// The text is the target's template (default "{title}\n\n{url}\n\n
// {hashtags}") fitted to 300 graphemes and 3000 UTF-8 bytes (text_fit.h).
// Facets (text_facets.h) make its links and hashtags clickable; their
// offsets are UTF-8 byte offsets into the text, end exclusive.
// The embed is added at attempt time, with the blob the PDS gave back for
// the image: an external link card (thumb: the image when it could be
// uploaded) or an images embed with the alt text (no embed without image).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/text/post_snapshot.h"
#include "daemon/text/text_template.h"
#include "feeds/status.h"

namespace herald {

inline constexpr std::size_t kBlueskyMaxGraphemes = 300;
inline constexpr std::size_t kBlueskyMaxBytes = 3000;
inline constexpr std::size_t kBlueskyMaxImageBytes = 1000000;  // thumb and images blobs
inline constexpr std::string_view kBlueskyPostCollection = "app.bsky.feed.post";

struct BlueskyPayload {
  std::string rkey;
  boost::json::object record;  // without embed
  std::string embed = "card";  // card | images
  std::string link_uri;
  std::string link_title;
  std::string link_description;
  std::string image_url;       // "" none
  std::string image_alt;
};

// The language a target's posts are tagged with: its `language`, else the
// site's; "" when neither is set.
std::string bluesky_language(const TargetConfig& target, const Config& config);

// The facets of `text`: links (app.bsky.richtext.facet#link, uri) and
// hashtags (#tag, tag without '#'), with byteStart/byteEnd.
boost::json::array bluesky_facets(std::string_view text);

// The payload JSON text for `post` (see above). `created_at` is RFC 3339
// with a zone; `rkey` a TID.
std::string bluesky_payload(const SnapshotFields& post, const TextTemplate& tmpl,
                            const TargetConfig& target, const std::string& language,
                            const std::string& created_at, const std::string& rkey);

// A stored payload read back; failed ("bluesky payload: ...", or the
// stored error itself) when it is not one.
Result<BlueskyPayload> read_bluesky_payload(std::string_view json);

// The record to put: the stored record plus its embed. `blob` is the
// uploadBlob answer's "blob" object for the image, or nullptr when there is
// none (card: no thumb; images: no embed).
boost::json::object bluesky_record(const BlueskyPayload& payload, const boost::json::object* blob);

// "at://<did>/app.bsky.feed.post/<rkey>"
std::string bluesky_at_uri(std::string_view did, std::string_view rkey);
// "https://bsky.app/profile/<handle or did>/post/<rkey>"
std::string bluesky_post_url(std::string_view handle, std::string_view rkey);

}  // namespace herald
