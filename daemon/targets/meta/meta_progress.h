// How far an Instagram or Threads delivery got (pure): the container it
// created and whether a publish of it was sent, kept per delivery through
// TargetStateStore::save_progress (target_driver.h) so a restart goes on
// with the same container. Text: {"container", "created_ms", "publishing"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace herald {

struct MetaProgress {
  std::string container;        // "" none yet
  std::int64_t created_ms = 0;  // when it was created (containers expire after 24 h)
  bool publishing = false;      // a media_publish / threads_publish of it was sent
};

std::string meta_progress_text(const MetaProgress& progress);
// The progress in `text`; none (empty) when absent or unreadable.
MetaProgress read_meta_progress(const std::optional<std::string>& text);

}  // namespace herald
