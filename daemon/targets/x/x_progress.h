// How far an X delivery with an image got (pure): the media it uploaded and
// whether its alt text was set, kept per delivery through
// TargetStateStore::save_progress (target_driver.h, as meta_progress.h) so
// a retry or a restart posts with the same media instead of uploading it
// again, as long as the media id has not expired.
// Text: {"media_id", "expires_ms", "described"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace herald {

// A media id with less than this left is uploaded again (the post that
// uses it may wait behind a retry or a 429).
inline constexpr std::int64_t kXMediaMarginMs = 15 * 60 * 1000;

struct XProgress {
  std::string media_id;         // "" none uploaded yet
  std::int64_t expires_ms = 0;  // when X forgets it (Unix ms)
  bool described = false;       // its alt text was set

  // Whether the media can still be posted at `now_ms`.
  bool usable(std::int64_t now_ms) const { return !media_id.empty() && now_ms + kXMediaMarginMs < expires_ms; }
};

std::string x_progress_text(const XProgress& progress);
// The progress in `text`; none (empty) when absent or unreadable.
XProgress read_x_progress(const std::optional<std::string>& text);

}  // namespace herald
