// Text length counted the way each network counts it. Input is UTF-8.
//   graphemes: user-perceived characters (ICU character BreakIterator): an
//     emoji ZWJ sequence, a flag or "e" + combining accent is one.
//   Mastodon: graphemes, but every http(s) URL (text_facets.h find_urls)
//     counts as `url_length` (the server's characters_reserved_per_url,
//     default 23), plus the graphemes of the spoiler text (content warning).
//   X (twitter-text config v3): the text NFC-normalised, every http(s) URL
//     counts 23, an emoji sequence (a ZWJ family, a flag, a keycap, an
//     emoji with its presentation selector) counts 2, and every other code
//     point 1 when it lies in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F or
//     U+2032-U+2037 (Latin with its accents: Spanish is 1 a letter), else 2
//     (CJK, most other scripts). The limit is 280 of these. Bare domains
//     without http(s):// are counted as text (twitter-text counts them as
//     URLs too: herald's text only ever links with the scheme).
//   UTF-16 code units (Telegram, Discord count JavaScript-style; Facebook,
//     Instagram and Threads are fitted in these too: the unit their
//     JavaScript clients count, never fewer than graphemes).
//   Threads: code points, except that an emoji counts its UTF-8 bytes
//     ("Emojis are counted as the number of UTF-8 bytes", Threads' posts
//     reference): every code point of an emoji sequence (Extended_Pictographic,
//     regional indicators, skin tones, ZWJ, variation selector 16, keycap)
//     counts its bytes, so "👍" is 4 and "ñ" 1. The limit is 500.
//   Instagram caption: UTF-16 code units, at most 2,200, and at most 30
//     hashtags (text_facets.h hashtags): a caption with more counts as
//     over any limit, so fitting drops hashtags until it has 30.
//   UTF-8 bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace herald {

inline constexpr std::size_t kMastodonUrlLength = 23;
inline constexpr std::size_t kXMaxWeightedLength = 280;
inline constexpr std::size_t kXUrlLength = 23;
inline constexpr std::size_t kFacebookMessageMax = 63206;  // U: commonly cited, not in Meta's docs
inline constexpr std::size_t kThreadsTextMax = 500;
inline constexpr std::size_t kLinkedInCommentaryMax = 3000;  // U: third-party docs; counted in UTF-16 units
inline constexpr std::size_t kInstagramCaptionMax = 2200;
inline constexpr std::size_t kInstagramMaxHashtags = 30;

std::size_t count_graphemes(std::string_view text);
std::size_t count_mastodon(std::string_view text, std::string_view spoiler_text = {},
                           std::size_t url_length = kMastodonUrlLength);
std::size_t count_x_weighted(std::string_view text);
std::size_t count_utf16_units(std::string_view text);
std::size_t count_threads(std::string_view text);
// The hashtags of `text` (text_facets.h).
std::size_t count_hashtags(std::string_view text);
// UTF-16 units; SIZE_MAX / 2 when `text` has more than 30 hashtags.
std::size_t count_instagram_caption(std::string_view text);
inline std::size_t count_utf8_bytes(std::string_view text) { return text.size(); }

}  // namespace herald
