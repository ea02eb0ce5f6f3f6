#include "feeds/post_file_name.h"

#include <chrono>

namespace herald {
namespace {

bool digits(std::string_view text, int* value) {
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return !text.empty();
}

}  // namespace

std::string_view file_stem(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

std::optional<JekyllFileName> parse_jekyll_file_name(std::string_view path) {
  std::string_view stem = file_stem(path);
  if (stem.size() < 11 || stem[4] != '-' || stem[7] != '-' || stem[10] != '-') return std::nullopt;
  JekyllFileName name;
  if (!digits(stem.substr(0, 4), &name.year) || !digits(stem.substr(5, 2), &name.month) ||
      !digits(stem.substr(8, 2), &name.day)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{name.year},
                                   std::chrono::month{static_cast<unsigned>(name.month)},
                                   std::chrono::day{static_cast<unsigned>(name.day)}};
  if (!date.ok()) return std::nullopt;
  name.slug = stem.substr(11);
  return name;
}

}  // namespace herald
