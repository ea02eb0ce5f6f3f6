// Text helpers: UTF-8 walking uses ICU's U8_* macros; slugs fold accents with
// NFKD plus mark removal and fall back to the ICU transliterator
// "Any-Latin; Latin-ASCII" for whatever is still not ASCII.
#include "feeds/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace herald {
namespace {

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool xml_allowed(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
  if (c >= 0x7F && c <= 0x9F) return false;  // DEL and the C1 controls: XML allows, feeds should not carry
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF;
}

bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);  // ASCII fast path
  return u_isUWhiteSpace(c);
}

// Decodes the code point at `i` (advancing it), skipping ICU for ASCII.
UChar32 next_char(std::string_view text, std::size_t& i) {
  unsigned char byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  return next_code_point(text, i);
}

// Everything but ASCII letters and digits becomes one '-'.
std::string ascii_slug(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size());
  bool dash = false;
  for (char ch : ascii) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

constexpr std::string_view kPrettyKept = "._~!$&'()+,;=@";

// jekyll_slugify of ASCII text (most file names) without ICU: the ASCII
// letters and digits are the only ASCII characters of the categories kept.
std::string ascii_jekyll_slug(std::string_view ascii, JekyllSlugMode mode, bool cased) {
  std::string out;
  out.reserve(ascii.size());
  bool in_run = false;
  for (char c : ascii) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool kept = letter || (c >= '0' && c <= '9') ||
                (mode == JekyllSlugMode::kPretty && kPrettyKept.find(c) != std::string_view::npos);
    if (kept) {
      out += !cased && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      in_run = false;
    } else if (!in_run) {
      out += '-';
      in_run = true;
    }
  }
  if (out.starts_with('-')) out.erase(0, 1);
  if (out.ends_with('-')) out.pop_back();
  return out;
}

// One transliterator per thread: ICU transliterators are not thread-safe,
// and creating one costs far more than using it.
icu::Transliterator* transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return instance.get();
}

// NFKD with combining marks removed ("Economía" -> "Economia").
icu::UnicodeString fold_marks(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString decomposed = nfkd->normalize(text, status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
  }
  return out;
}

bool unicode_is_ascii(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); ++i) {
    if (text.charAt(i) >= 0x80) return false;
  }
  return true;
}

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

std::uint64_t load_word(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// True when none of the 8 bytes at `p` has the high bit set.
bool ascii_word(const char* p) { return (load_word(p) & kHighBits) == 0; }

// True when the 8 bytes at `p` are ASCII with no byte below 0x20 (so every
// one is an XML Char). TAB/LF/CR make it false: the caller then looks at
// the bytes one by one.
bool printable_ascii_word(const char* p) {
  std::uint64_t word = load_word(p);
  // With no high bit set, a byte b < 0x20 is exactly one whose b - 0x20
  // borrows into its high bit (borrows only start at such bytes), and
  // 0x7F (DEL) exactly the one whose b + 1 sets it.
  return ((word | (word - 0x20 * kOnes) | (word + kOnes)) & kHighBits) == 0;
}

}  // namespace

std::int32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s, pos, static_cast<int32_t>(text.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && ascii_word(text.data() + i)) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (next_code_point(text, i) < 0) return start;
  }
  return std::string_view::npos;
}

std::size_t find_xml_forbidden(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && printable_ascii_word(text.data() + i)) {
      i += 8;
      continue;
    }
    std::size_t start = i;
    if (!xml_allowed(next_char(text, i))) return start;
  }
  return std::string_view::npos;
}

std::string strip_xml_forbidden(std::string_view text) {
  std::size_t forbidden = find_xml_forbidden(text);
  if (forbidden == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t kept_from = 0;  // start of the run of allowed bytes not yet copied
  while (forbidden != std::string_view::npos) {
    std::size_t at = kept_from + forbidden;
    out.append(text.substr(kept_from, at - kept_from));
    next_char(text, at);  // skips the forbidden code point
    kept_from = at;
    forbidden = find_xml_forbidden(text.substr(kept_from));
  }
  out.append(text.substr(kept_from));
  return out;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_space(next_char(text, next))) break;
    begin = next;
  }
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t end = static_cast<int32_t>(text.size());
  while (end > static_cast<int32_t>(begin)) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(s, static_cast<int32_t>(begin), prev, c);
    if (!is_space(c)) break;
    end = prev;
  }
  return std::string(text.substr(begin, static_cast<std::size_t>(end) - begin));
}

std::string squash_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t word = std::string_view::npos;  // start of the word not yet copied
  auto copy_word = [&](std::size_t end) {
    if (word == std::string_view::npos) return;
    if (!out.empty()) out += ' ';
    out.append(text.substr(word, end - word));
    word = std::string_view::npos;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    if (is_space(next_char(text, i))) copy_word(start);
    else if (word == std::string_view::npos) word = start;
  }
  copy_word(text.size());
  return out;
}

std::string slugify(std::string_view text) {
  if (is_ascii(text)) return ascii_slug(text);
  icu::UnicodeString folded = fold_marks(icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))));
  if (!unicode_is_ascii(folded)) {
    if (icu::Transliterator* t = transliterator()) t->transliterate(folded);
  }
  std::string utf8;
  folded.toUTF8String(utf8);
  return ascii_slug(utf8);
}

std::string feed_slug(std::string_view name) {
  std::string slug = slugify(name);
  if (!slug.empty()) return slug;
  std::string names;
  for (std::size_t i = 0; i < name.size();) {
    UChar32 c = next_char(name, i);
    if (c < 0 || (U_GET_GC_MASK(c) & U_GC_S_MASK) == 0) continue;  // symbols only: emoji, +, €
    char buffer[128];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = u_charName(c, U_UNICODE_CHAR_NAME, buffer, sizeof buffer, &status);
    if (U_FAILURE(status) || length <= 0) continue;
    names.append(buffer, static_cast<std::size_t>(std::min<int32_t>(length, sizeof buffer - 1)));
    names += ' ';
    if (names.size() > 120) break;
  }
  slug = ascii_slug(names);
  constexpr std::size_t kMax = 60;
  if (slug.size() > kMax) {
    std::size_t cut = slug.rfind('-', kMax);
    slug.resize(cut == std::string::npos ? kMax : cut);
  }
  return slug;
}

std::string shorten_at_space(std::string_view text, std::size_t max) {
  if (max == 0) return "";
  std::size_t count = 0;
  std::size_t cut = 0;        // byte end of the first max - 1 code points
  std::size_t last_space = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    if (count == max - 1) cut = i;
    if (count < max - 1 && text[i] == ' ') last_space = i;
    next_char(text, i);
    if (++count > max) break;
  }
  if (count <= max) return std::string(text);
  std::size_t end = last_space != std::string_view::npos && last_space > 0 ? last_space : cut;
  return std::string(text.substr(0, end)) + "\u2026";
}

bool is_spanish_language(std::string_view language) {
  return language.size() >= 2 && (language[0] == 'e' || language[0] == 'E') &&
         (language[1] == 's' || language[1] == 'S') &&
         (language.size() == 2 || language[2] == '-' || language[2] == '_');
}

std::string lower_case(std::string_view text) {
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.toLower(icu::Locale::getRoot());
  std::string utf8;
  unicode.toUTF8String(utf8);
  return utf8;
}

std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased) {
  if (is_ascii(text)) return ascii_jekyll_slug(text, mode, cased);
  icu::UnicodeString out;
  bool in_run = false;
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c = next_char(text, i);
    if (c < 0) continue;  // not UTF-8: never given, never kept
    bool kept = (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0 ||
                (mode == JekyllSlugMode::kPretty && c < 0x80 &&
                 kPrettyKept.find(static_cast<char>(c)) != std::string_view::npos);
    if (kept) {
      out.append(c);
      in_run = false;
    } else if (!in_run) {
      out.append(UChar32{'-'});
      in_run = true;
    }
  }
  if (out.startsWith(icu::UnicodeString(u'-'))) out.remove(0, 1);
  if (out.endsWith(icu::UnicodeString(u'-'))) out.truncate(out.length() - 1);
  if (!cased) out.toLower(icu::Locale::getRoot());
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace herald
