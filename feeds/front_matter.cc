#include "feeds/front_matter.h"

namespace herald {
namespace {

// True when `line` is `marker` followed only by spaces or tabs.
bool is_delimiter(std::string_view line, std::string_view marker) {
  if (!line.starts_with(marker)) return false;
  line.remove_prefix(marker.size());
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// The line starting at `pos` (without its '\n') and the offset after it.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t* next) {
  std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) {
    *next = text.size();
    return text.substr(pos);
  }
  *next = end + 1;
  return text.substr(pos, end - pos);
}

}  // namespace

std::optional<FrontMatter> split_front_matter(std::string_view text, Diagnostic* error) {
  std::size_t pos = 0;
  if (!is_delimiter(line_at(text, 0, &pos), "---")) {
    *error = Diagnostic{"", 1, 1,
                        "no front matter; start the file with a line '---', the YAML fields, "
                        "and another '---'"};
    return std::nullopt;
  }
  std::size_t yaml_start = pos;
  int line = 2;
  while (pos < text.size()) {
    std::size_t next = 0;
    std::string_view current = line_at(text, pos, &next);
    if (is_delimiter(current, "---") || is_delimiter(current, "...")) {
      return FrontMatter{text.substr(yaml_start, pos - yaml_start), 2, text.substr(next),
                         line + 1};
    }
    pos = next;
    ++line;
  }
  *error = Diagnostic{"", 1, 1,
                      "front matter opened at line 1 is never closed; end it with a line '---' "
                      "before the text"};
  return std::nullopt;
}

}  // namespace herald
