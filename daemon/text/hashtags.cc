#include "daemon/text/hashtags.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "daemon/text/text_length.h"

namespace herald {
namespace {

icu::UnicodeString nfc(std::string_view text) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return in;
  icu::UnicodeString out = normalizer->normalize(in, status);
  return U_FAILURE(status) ? in : out;
}

// The runs of word characters of `text`.
std::vector<icu::UnicodeString> words_of(const icu::UnicodeString& text) {
  std::vector<icu::UnicodeString> words;
  icu::UnicodeString word;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (is_hashtag_char(static_cast<char32_t>(c))) {
      word.append(c);
    } else if (!word.isEmpty()) {
      words.push_back(word);
      word.remove();
    }
  }
  if (!word.isEmpty()) words.push_back(word);
  return words;
}

icu::UnicodeString capitalised(const icu::UnicodeString& word) {
  UChar32 first = word.char32At(0);
  icu::UnicodeString out;
  out.append(u_totitle(first));
  out.append(word, word.moveIndex32(0, 1), INT32_MAX);
  return out;
}

bool has_letter(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    if (u_isalpha(text.char32At(i))) return true;
  }
  return false;
}

}  // namespace

bool is_hashtag_char(char32_t code_point) {
  auto c = static_cast<UChar32>(code_point);
  return c == '_' || u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

std::string hashtag(std::string_view tag) {
  std::vector<icu::UnicodeString> words = words_of(nfc(tag));
  icu::UnicodeString joined;
  for (const icu::UnicodeString& word : words) {
    joined.append(words.size() > 1 ? capitalised(word) : word);
  }
  if (!has_letter(joined)) return "";
  std::string out = "#";
  joined.toUTF8String(out);
  return out;
}

std::vector<std::string> hashtags(std::string_view section, const std::vector<std::string>& tags,
                                  const HashtagRules& rules) {
  std::vector<std::string_view> names;
  if (!section.empty()) names.push_back(section);
  for (const std::string& tag : tags) names.push_back(tag);
  std::vector<std::string> out;
  std::vector<icu::UnicodeString> folded_seen;
  for (std::string_view name : names) {
    if (rules.max_count != 0 && out.size() >= rules.max_count) break;
    std::string tag = hashtag(name);
    if (tag.empty()) continue;
    if (rules.max_graphemes != 0 && count_graphemes(tag) - 1 > rules.max_graphemes) continue;
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(tag).foldCase();
    if (std::find(folded_seen.begin(), folded_seen.end(), folded) != folded_seen.end()) continue;
    folded_seen.push_back(folded);
    out.push_back(std::move(tag));
  }
  return out;
}

std::string join_hashtags(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& tag : tags) {
    if (!out.empty()) out += ' ';
    out += tag;
  }
  return out;
}

std::string hashtag_facet_value(std::string_view hashtag) {
  if (!hashtag.empty() && hashtag.front() == '#') hashtag.remove_prefix(1);
  return std::string(hashtag);
}

}  // namespace herald
