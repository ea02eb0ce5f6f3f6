// The text an announcement will show on its network, read from the
// requests its driver previews (shown_request.h): the body member that
// carries the post's text ("status" on Mastodon, "text" on X and Bluesky's
// record, "content" on Discord, "message" on Facebook, "commentary" on
// LinkedIn, "caption"/"text" on Instagram and Threads). Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/targets/announced_attachments.h"
#include "daemon/targets/shown_request.h"

namespace herald {

// What a delivery will say on its network (the console's preview).
struct AnnouncementPreview {
  std::int64_t delivery_id = 0;
  std::string target;
  std::string text;          // as the network will show it; "" when unknown
  std::size_t length = 0;    // as the network counts it (0 with limit 0: not counted)
  std::size_t limit = 0;
  std::string problem;       // why there is no preview (the driver's sentence)
  AnnouncedAttachments attachments = {};  // the link card and the image (with its alt text) sent beside it
};

// The text of the last request of `requests` that carries one (the post
// itself comes after uploads and lookups); nullopt when none does (a
// webhook's event, a form body).
std::optional<std::string> announced_text(const std::vector<ShownRequest>& requests);

}  // namespace herald
