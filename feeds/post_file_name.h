// What a post's file name says: its stem (the default identity) and, for
// Jekyll names YYYY-MM-DD-slug.ext, a date and a slug.
#pragma once

#include <optional>
#include <string_view>

namespace herald {

// "_posts/2021/2021-08-10-capacita.md" -> "2021-08-10-capacita".
std::string_view file_stem(std::string_view path);

struct JekyllFileName {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string_view slug;  // the part after the date, may be empty
};

// Set when the stem starts with a valid calendar date and a '-'.
std::optional<JekyllFileName> parse_jekyll_file_name(std::string_view path);

}  // namespace herald
