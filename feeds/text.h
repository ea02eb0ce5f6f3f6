// Text helpers shared by the core: UTF-8 validation, removal of characters
// that XML 1.0 forbids, whitespace trimming, ASCII slugs and Jekyll's slugs.
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
// TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates) and those XML allows but feeds
// should not carry (U+007F and the C1 controls U+0080-U+009F, which the
// W3C validator flags): one rule for every field, body and feed format.
// Input must be valid UTF-8.
std::string strip_xml_forbidden(std::string_view text);

// Returns the byte offset of the first code point strip_xml_forbidden would
// remove, or npos when it would return `text` unchanged. On text that is
// not valid UTF-8 it also stops at the first ill-formed sequence, so npos
// means valid UTF-8 with nothing to remove: one pass checks both.
std::size_t find_xml_forbidden(std::string_view text);

// Trims ASCII and Unicode whitespace at both ends; collapses nothing inside.
std::string trim(std::string_view text);

// Collapses every run of whitespace (including newlines) to one space and trims.
std::string squash_whitespace(std::string_view text);

// ASCII slug: accents folded (ICU transliteration, "Economía" -> "economia"),
// lower case, runs of anything else become one '-', no leading/trailing '-'.
// Stable across releases. Returns "" when nothing is left.
std::string slugify(std::string_view text);

// Jekyll's slug (Jekyll::Utils.slugify, modes "default" and "pretty"):
// every run of characters that are not a letter, a mark or a decimal digit
// of any script (pretty: nor one of ._~!$&'()+,;=@) becomes one '-', one
// '-' is dropped at each end, and the text is lower-cased (Unicode's
// default mapping) unless `cased`. "Storage" -> "storage"; pretty and
// cased: "Storage", "Jekyll 3.0" -> "Jekyll-3.0". Input must be valid UTF-8.
// The slug of a section or tag feed: slugify(name); for a name that gives
// none (emoji only: "🎉"), the slug of its symbols' Unicode names
// ("party-popper"; names never change, so neither does the slug), at most
// 60 bytes cut at a '-'; "" for a name without a letter, digit or symbol
// ("!!!", "---").
std::string feed_slug(std::string_view name);

// `text` (whitespace already collapsed) when it has at most `max` code
// points; else cut at the last space that leaves at most max - 1 (inside a
// word when there is none) with "…" appended. Input must be valid UTF-8.
std::string shorten_at_space(std::string_view text, std::size_t max);

// Whether a BCP 47 language tag is Spanish ("es", "es-MX", "ES_mx"): the
// pages and labels herald writes in the site's language.
bool is_spanish_language(std::string_view language);

// Lower case by Unicode's default mapping ("Economía" -> "economía").
std::string lower_case(std::string_view text);

enum class JekyllSlugMode { kDefault, kPretty };
std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased);

}  // namespace herald
