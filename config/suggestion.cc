#include "config/suggestion.h"

#include <algorithm>
#include <numeric>

namespace herald {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_name(std::string_view word, const std::vector<std::string>& known) {
  constexpr std::size_t kMaxDistance = 2;
  std::string best;
  std::size_t best_distance = kMaxDistance + 1;
  for (const std::string& name : known) {
    std::size_t distance = edit_distance(word, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string unknown_name_message(const std::string& what, const std::string& word,
                                 const std::string& where,
                                 const std::vector<std::string>& known) {
  std::string message = "unknown " + what + " '" + word + "'" + where;
  std::string closest = closest_name(word, known);
  if (!closest.empty()) message += "; did you mean '" + closest + "'?";
  message += " (expected one of: " + join_names(known) + ")";
  return message;
}

}  // namespace herald
