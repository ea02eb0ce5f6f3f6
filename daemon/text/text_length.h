// Text length counted the way each network counts it. Input is UTF-8.
//   graphemes: user-perceived characters (ICU character BreakIterator): an
//     emoji ZWJ sequence, a flag or "e" + combining accent is one.
//   Mastodon: graphemes, but every http(s) URL (text_facets.h find_urls)
//     counts as `url_length` (the server's characters_reserved_per_url,
//     default 23), plus the graphemes of the spoiler text (content warning).
//   UTF-16 code units (Telegram, Discord count JavaScript-style).
//   UTF-8 bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace herald {

inline constexpr std::size_t kMastodonUrlLength = 23;

std::size_t count_graphemes(std::string_view text);
std::size_t count_mastodon(std::string_view text, std::string_view spoiler_text = {},
                           std::size_t url_length = kMastodonUrlLength);
std::size_t count_utf16_units(std::string_view text);
inline std::size_t count_utf8_bytes(std::string_view text) { return text.size(); }

}  // namespace herald
