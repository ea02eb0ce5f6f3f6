// Hashtags from a post's section and tags, in the form Mastodon, Bluesky
// and Telegram accept (all three take Unicode letters, digits and '_'):
//
//   - text is NFC-normalised; letters (with their accents and combining
//     marks), digits and '_' are kept, accents included: "capacitación"
//     -> "#capacitación";
//   - anything else (spaces, punctuation, symbols, emoji) separates words;
//     a tag of several words is CamelCased, the first letter of each word
//     upper-cased and the rest kept: "medio ambiente" -> "#MedioAmbiente",
//     "educación vial" -> "#EducaciónVial", "covid-19" -> "#Covid19";
//     a one-word tag keeps its case: "IMM" -> "#IMM", "C++" -> "#C";
//   - results without a letter are dropped (no network links "#2021" or
//     "#_"), as are those longer than rules.max_graphemes;
//   - duplicates under ICU case folding are dropped, the first kept
//     ("#Economía", "#ECONOMÍA");
//   - the section comes first, then the tags in order; at most
//     rules.max_count results.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

struct HashtagRules {
  std::size_t max_count = 0;      // 0: no cap
  std::size_t max_graphemes = 0;  // without '#'; 0: no limit; longer ones dropped
};

inline constexpr HashtagRules kMastodonHashtags{0, 0};
inline constexpr HashtagRules kBlueskyHashtags{0, 64};  // facet tag limit
inline constexpr HashtagRules kTelegramHashtags{0, 0};

// Whether code point `c` may be part of a hashtag: a letter, a combining
// mark, a decimal digit or '_'.
bool is_hashtag_char(char32_t c);

// One tag as a hashtag with its '#', or "" when nothing is left.
std::string hashtag(std::string_view tag);

// The hashtags of `section` ("" none) and `tags`, with their '#'.
std::vector<std::string> hashtags(std::string_view section, const std::vector<std::string>& tags,
                                  const HashtagRules& rules = {});

// `tags` joined with one space: "#Local #IMM".
std::string join_hashtags(const std::vector<std::string>& tags);

// The Bluesky facet value: the hashtag without its '#'.
std::string hashtag_facet_value(std::string_view hashtag);

}  // namespace herald
