// Text helpers shared by the core: UTF-8 validation, removal of characters
// that XML 1.0 forbids, whitespace trimming, ASCII slugs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace herald {

// Decodes the UTF-8 code point at text[i] and advances i past it; negative
// when the bytes there are not valid UTF-8 (i still advances).
std::int32_t next_code_point(std::string_view text, std::size_t& i);

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

// Removes code points outside the XML 1.0 Char production (C0 controls but
// TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates). Input must be valid UTF-8.
std::string strip_xml_forbidden(std::string_view text);

// Returns the byte offset of the first code point strip_xml_forbidden would
// remove, or npos when it would return `text` unchanged. Input must be valid
// UTF-8.
std::size_t find_xml_forbidden(std::string_view text);

// Trims ASCII and Unicode whitespace at both ends; collapses nothing inside.
std::string trim(std::string_view text);

// Collapses every run of whitespace (including newlines) to one space and trims.
std::string squash_whitespace(std::string_view text);

// ASCII slug: accents folded (ICU transliteration, "Economía" -> "economia"),
// lower case, runs of anything else become one '-', no leading/trailing '-'.
// Stable across releases. Returns "" when nothing is left.
std::string slugify(std::string_view text);

}  // namespace herald
