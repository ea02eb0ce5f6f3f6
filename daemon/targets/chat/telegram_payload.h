// Telegram Bot API requests (docs/targets.md "Telegram"):
//
//   POST {url}/bot<TOKEN>/sendMessage
//     {"chat_id", "text" (≤4096), "parse_mode": "HTML",
//      "link_preview_options": (telegram_link_preview) {"url": the post's URL,
//        "prefer_large_media" or "prefer_small_media": true (`link_preview_media`),
//        "show_above_text": true (`link_preview: above`)},
//        or {"is_disabled": true} (`link_preview: false`)}
//   POST {url}/bot<TOKEN>/sendPhoto  (the target attaches images and the post has one)
//     {"chat_id", "photo": the image's URL, "caption" (≤1024), "parse_mode": "HTML"}
//
// The text is the template (HTML: <b>, <i>, <a href>, ... as Telegram
// accepts them) with every value escaped by escape_html, so a title with
// "<p>" or "&" never makes Telegram answer "can't parse entities". Lengths
// are counted in UTF-16 units on the HTML, which is never shorter than the
// text Telegram counts after parsing.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/post_text.h"
#include "daemon/text/post_snapshot.h"

namespace herald {

inline constexpr std::size_t kTelegramTextMax = 4096;
inline constexpr std::size_t kTelegramCaptionMax = 1024;

// "{api}/bot{token}/{method}"; nullopt when `api` does not parse.
std::optional<std::string> telegram_method_url(std::string_view api, std::string_view token,
                                               std::string_view method);

// The sendMessage body; failed when the text cannot fit.
Result<std::string> telegram_message_body(const SnapshotFields& post, const PostText& text,
                                          const TargetConfig& target);

// The link_preview_options of a message linking `url` (the post's) as
// `preview` asks; nullopt (Telegram's own choice) when there is no URL.
std::optional<boost::json::object> telegram_link_preview(const std::string& url, const TelegramLinkPreview& preview);

// The sendPhoto body; failed when the post has no image, the target
// attaches none, or the caption cannot fit in 1024.
Result<std::string> telegram_photo_body(const SnapshotFields& post, const PostText& text,
                                        const TargetConfig& target);

}  // namespace herald
