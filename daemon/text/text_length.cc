#include "daemon/text/text_length.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>

#include "daemon/text/text_facets.h"

namespace herald {
namespace {

// One character break iterator per thread (creating one is costly).
icu::BreakIterator* grapheme_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_FAILURE(status) ? nullptr : std::move(it);
  }();
  return iterator.get();
}

// `text` with every URL replaced by `url_length` placeholder characters.
std::string urls_as_placeholders(std::string_view text, std::size_t url_length) {
  std::string countable;
  std::size_t done = 0;
  for (const TextSpan& url : find_urls(text)) {
    countable.append(text.substr(done, url.byte_start - done));
    countable.append(url_length, 'x');
    done = url.byte_end;
  }
  countable.append(text.substr(done));
  return countable;
}

// twitter-text v3's ranges of weight 1 (its scale is 100: weight 100 of 200).
bool x_light(UChar32 c) {
  return (c >= 0x0000 && c <= 0x10FF) || (c >= 0x2000 && c <= 0x200D) ||
         (c >= 0x2010 && c <= 0x201F) || (c >= 0x2032 && c <= 0x2037);
}

// Whether the grapheme `g` is an emoji sequence as twitter-text's emoji
// parsing finds them: a code point shown as emoji by default, a regional
// indicator (flags), or an emoji made so by U+FE0F, U+20E3 (keycaps) or a ZWJ.
bool is_emoji_grapheme(const icu::UnicodeString& g) {
  bool emoji_base = false;
  bool selector = false;
  for (int32_t i = 0; i < g.length(); i = g.moveIndex32(i, 1)) {
    UChar32 c = g.char32At(i);
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ||
        u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR)) {
      return true;
    }
    if (u_hasBinaryProperty(c, UCHAR_EMOJI)) emoji_base = true;
    if (c == 0xFE0F || c == 0x20E3 || c == 0x200D) selector = true;
  }
  return emoji_base && selector;
}

}  // namespace

std::size_t count_x_weighted(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString raw = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString normal = U_SUCCESS(status) ? nfc->normalize(raw, status) : raw;
  if (U_FAILURE(status)) normal = raw;
  std::string utf8;
  normal.toUTF8String(utf8);
  // URLs counted apart: their placeholder letters weigh 1 each.
  icu::UnicodeString countable = icu::UnicodeString::fromUTF8(urls_as_placeholders(utf8, kXUrlLength));
  icu::BreakIterator* iterator = grapheme_iterator();
  if (iterator == nullptr || countable.isEmpty()) return 0;
  iterator->setText(countable);
  std::size_t weight = 0;
  for (int32_t start = iterator->first(), end = iterator->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator->next()) {
    icu::UnicodeString grapheme(countable, start, end - start);
    if (is_emoji_grapheme(grapheme)) {
      weight += 2;
      continue;
    }
    for (int32_t i = 0; i < grapheme.length(); i = grapheme.moveIndex32(i, 1)) {
      weight += x_light(grapheme.char32At(i)) ? 1 : 2;
    }
  }
  iterator->setText(icu::UnicodeString());
  return weight;
}

std::size_t count_graphemes(std::string_view text) {
  icu::BreakIterator* iterator = grapheme_iterator();
  if (text.empty() || iterator == nullptr) return 0;
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return 0;
  iterator->setText(utext, status);
  std::size_t count = 0;
  if (U_SUCCESS(status)) {
    iterator->first();
    while (iterator->next() != icu::BreakIterator::DONE) ++count;
  }
  // Detach the iterator from `utext` before closing it.
  iterator->setText(icu::UnicodeString());
  utext_close(utext);
  return count;
}

std::size_t count_mastodon(std::string_view text, std::string_view spoiler_text,
                           std::size_t url_length) {
  // As Mastodon does: every URL replaced by url_length placeholder characters.
  return count_graphemes(urls_as_placeholders(text, url_length)) + count_graphemes(spoiler_text);
}

std::size_t count_utf16_units(std::string_view text) {
  std::size_t units = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    units += c >= 0x10000 ? 2 : 1;
  }
  return units;
}

namespace {

// Whether `c` is part of an emoji as Threads counts one.
bool is_emoji_part(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
         u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) || c == 0x200D || c == 0xFE0F || c == 0x20E3;
}

}  // namespace

std::size_t count_threads(std::string_view text) {
  std::size_t count = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    count += is_emoji_part(c) ? static_cast<std::size_t>(i - start) : 1;
  }
  return count;
}

std::size_t count_hashtags(std::string_view text) {
  std::size_t count = 0;
  for (const TextFacet& facet : find_facets(text)) count += facet.kind == TextFacet::Kind::tag ? 1 : 0;
  return count;
}

std::size_t count_instagram_caption(std::string_view text) {
  if (count_hashtags(text) > kInstagramMaxHashtags) return SIZE_MAX / 2;
  return count_utf16_units(text);
}

}  // namespace herald
