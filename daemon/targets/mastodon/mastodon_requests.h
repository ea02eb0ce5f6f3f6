// The HTTP requests of a Mastodon delivery (pure): the server's instance
// document, the post's image fetched from the site, the media upload, its
// polling, and the status. Every request to the server but the instance
// document carries `Authorization: Bearer TOKEN`; the status carries
// `Idempotency-Key` (the delivery's message id: the same on every retry, so
// the server answers a replay with the status it already made).
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/mastodon/mastodon_limits.h"

namespace herald {

// `server` (the target's url, with or without a path or trailing '/') with
// `path` ("/api/v1/statuses") appended to its path; query and fragment dropped.
std::string mastodon_endpoint(const std::string& server, std::string_view path);

// GET /api/v2/instance (`version` 2) or /api/v1/instance.
HttpRequest mastodon_instance_request(const TargetConfig& target, int version);

// An image to upload.
struct MastodonImage {
  std::string data;
  std::string content_type;  // "image/png"
  std::string filename;      // "2000.png"
};

// POST /api/v2/media: multipart `file` and `description` (alt text, cut to
// 1500 graphemes; omitted when empty).
HttpRequest mastodon_media_request(const TargetConfig& target, const MastodonImage& image,
                                   std::string_view alt);

// GET /api/v1/media/:id.
HttpRequest mastodon_media_poll_request(const TargetConfig& target, const std::string& media_id);

// POST /api/v1/statuses with the JSON `body`.
HttpRequest mastodon_status_request(const TargetConfig& target, std::string body,
                                    const std::string& idempotency_key);

// The file name of `image_url` (its last path segment; "image" when none).
std::string mastodon_image_filename(const std::string& image_url);

}  // namespace herald
