// Suggestions for misspelt names: the closest known name by edit distance,
// and the one message format used for every unknown key, format or placeholder:
//   unknown key 'titel' in 'site'; did you mean 'title'? (expected one of: title, url)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace herald {

// Levenshtein distance (insertions, deletions, substitutions), bytewise.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name closest to `word` at distance <= 2 (the first on ties),
// or "" when none is that close.
std::string closest_name(std::string_view word, const std::vector<std::string>& known);

// "unknown <what> '<word>'<where>; did you mean '<closest>'? (expected one of: a, b)".
// `where` is appended verbatim (e.g. " in 'site'"); the hint is left out when
// nothing is close.
std::string unknown_name_message(const std::string& what, const std::string& word,
                                 const std::string& where,
                                 const std::vector<std::string>& known);

// "a, b, c"
std::string join_names(const std::vector<std::string>& names);

}  // namespace herald
