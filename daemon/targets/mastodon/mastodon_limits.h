// MastodonLimits: what a Mastodon server accepts, read from its instance
// document (GET /api/v2/instance, or /api/v1/instance on older servers):
//
//   configuration.statuses.max_characters              (default 500)
//   configuration.statuses.max_media_attachments       (default 4)
//   configuration.statuses.characters_reserved_per_url (default 23)
//   configuration.media_attachments.image_size_limit   (default 16 MB)
//   configuration.media_attachments.supported_mime_types (default: any image/*)
//
// v1 documents of servers that predate `configuration` (and Pleroma-style
// ones) may carry `max_toot_chars` at the top level; it is read too. Every
// value that is missing or not a positive number keeps its default.
//
// The limits are cached by the driver for a day and persisted through the
// TargetStateStore as the JSON of mastodon_limits_state().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/status.h"

namespace herald {

inline constexpr std::int64_t kMastodonLimitsMaxAgeMs = 24LL * 3600 * 1000;
inline constexpr std::size_t kMastodonDefaultImageBytes = 16 * 1024 * 1024;

struct MastodonLimits {
  std::size_t max_characters = 500;
  std::size_t max_media_attachments = 4;
  std::size_t characters_reserved_per_url = 23;
  std::size_t image_size_limit = kMastodonDefaultImageBytes;
  std::vector<std::string> supported_mime_types;  // empty: every image/* type
  std::int64_t fetched_ms = 0;                    // when read from the server (Unix ms)

  // Whether an image of `content_type` (parameters ignored, case-insensitive)
  // may be uploaded.
  bool accepts(std::string_view content_type) const;
  // Still fresh at `now_ms` (read less than a day before).
  bool fresh(std::int64_t now_ms) const { return now_ms - fetched_ms < kMastodonLimitsMaxAgeMs; }
};

// The limits in an instance document (v1 or v2) read at `now_ms`; failed
// ("instance: not JSON: ...", "instance: not an object") when the body is
// not a JSON object.
Result<MastodonLimits> parse_mastodon_instance(std::string_view body, std::int64_t now_ms);

// The limits as the JSON text kept in the target's state, and back
// (nullopt when `state` is not such a text).
std::string mastodon_limits_state(const MastodonLimits& limits);
std::optional<MastodonLimits> read_mastodon_limits_state(std::string_view state);

}  // namespace herald
