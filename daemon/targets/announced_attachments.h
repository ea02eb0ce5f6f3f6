// What an announcement shows on its network besides its text, read from
// the requests its driver previews (shown_request.h), so the console's
// preview is what the driver will send, from the drivers' own code: the
// link card (Bluesky's external embed, LinkedIn's article, Discord's
// embed: title, description, the post's URL and its image) and the image
// attached with its alt text (Mastodon's media description, X's alt text,
// Bluesky's images embed, Threads' and Instagram's alt_text). Where a
// network builds the card itself from the page (Mastodon, Facebook, X),
// the requests carry none and there is none to show. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "daemon/targets/shown_request.h"

namespace herald {

struct PreviewCard {
  std::string url;          // the page it links to
  std::string title;
  std::string description;
  std::string image;        // absolute URL, or what is uploaded ("<N bytes of image/jpeg>"); "" none
  std::string image_alt;
  bool operator==(const PreviewCard&) const = default;
};

struct PreviewImage {
  std::string source;       // absolute URL, or what is uploaded ("<N bytes of image/jpeg>")
  std::string alt;          // "" none
  bool operator==(const PreviewImage&) const = default;
};

struct AnnouncedAttachments {
  std::optional<PreviewCard> card;
  std::optional<PreviewImage> image;
};

// The card and the image that `requests` (one delivery's, in order) carry.
AnnouncedAttachments announced_attachments(const std::vector<ShownRequest>& requests);

}  // namespace herald
