#include "daemon/text/text_length.h"

#include <unicode/brkiter.h>
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

}  // namespace

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
  std::string countable;
  std::size_t done = 0;
  for (const TextSpan& url : find_urls(text)) {
    countable.append(text.substr(done, url.byte_start - done));
    countable.append(url_length, 'x');
    done = url.byte_end;
  }
  countable.append(text.substr(done));
  return count_graphemes(countable) + count_graphemes(spoiler_text);
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

}  // namespace herald
