// X's media for a post (pure): the image variant the image step made for
// the delivery (delivery.h DeliveryImage), uploaded with the OAuth 2.0 user
// token (scope media.write), its alt text set, and what the answers say.
//
//   POST {api}/2/media/upload    multipart: media (the variant's bytes and
//                                type), media_category=tweet_image (the
//                                simple upload: images only, ≤ 5 MB)
//     → 200/201 {"data": {"id", "media_key", "expires_after_secs", ...}}
//   POST {api}/2/media/metadata  {"id", "metadata": {"alt_text": {"text"}}}
//                                (≤ 1000 characters) → 200
// A media id expires (`expires_after_secs`; 24 hours when the answer does
// not say): a delivery keeps it (x_progress.h) and uploads again once it is
// stale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

inline constexpr std::size_t kXAltTextMax = 1000;
inline constexpr std::int64_t kXMediaLifeMs = 24LL * 3600 * 1000;

// The upload of `image` (which has a variant).
HttpRequest x_upload_request(const std::string& api, const std::string& access, const DeliveryImage& image);

// The alt text `alt` of `media_id`, shortened to 1000 UTF-16 units (never
// more characters than X counts).
HttpRequest x_alt_text_request(const std::string& api, const std::string& access, const std::string& media_id,
                               const std::string& alt);

// The body of POST /2/tweets: {"text"}, with {"media": {"media_ids": [id]}}
// when `media_id` is not empty.
std::string x_tweet_body(const std::string& text, const std::string& media_id);

struct XUploaded {
  std::string media_id;
  std::int64_t expires_ms = 0;  // Unix ms
};

// The media a 200/201 upload answer at `now_ms` names; nullopt when it names none.
std::optional<XUploaded> read_x_upload(const HttpResponse& response, std::int64_t now_ms);

}  // namespace herald
