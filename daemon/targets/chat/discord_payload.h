// The Discord webhook request body (docs/targets.md "Discord"):
//
//   {"content": the template's text (≤2000),
//    "embeds": [{"title" (≤256), "description" (the summary, ≤4096), "url",
//                "timestamp" (the post's date), "image": {"url"} when the
//                target attaches images and the post has one}],
//    "username", "avatar_url" (when configured),
//    "allowed_mentions": {"parse": []}  (text never pings anyone),
//    "thread_name" (≤100): a forum channel's webhook (`thread_name`
//                  configured) opens a thread per post with this name}
//
// Lengths are counted in UTF-16 units (as Discord's JavaScript does), so an
// accepted text is never too long; title and summary are shortened at a
// word end with "…". Title + description stay far under Discord's 6000
// characters per message for embeds.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/post_text.h"
#include "daemon/text/post_snapshot.h"

namespace herald {

inline constexpr std::size_t kDiscordContentMax = 2000;
inline constexpr std::size_t kDiscordTitleMax = 256;
inline constexpr std::size_t kDiscordDescriptionMax = 4096;
inline constexpr std::size_t kDiscordThreadNameMax = 100;

// `webhook_url` with the query parameter wait=true (so Discord answers with
// the message), other parameters kept; nullopt when it does not parse.
std::optional<std::string> discord_execute_url(std::string_view webhook_url);

// The body for `post`, with "thread_name" when `thread_name` is not
// empty; failed when the text cannot fit.
Result<std::string> discord_body(const SnapshotFields& post, const PostText& text,
                                 const TargetConfig& target, std::string_view thread_name = {});

// The forum thread's name for `post`: `name` rendered and fitted to 100
// UTF-16 units; the post's title (shortened) when that renders empty or
// cannot fit; its id when it has no title.
std::string discord_thread_name(const SnapshotFields& post, const PostText& name);

}  // namespace herald
