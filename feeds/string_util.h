// Small string helpers used across the tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace herald {

// Replaces every occurrence of `from` (non-empty) in `text` with `to`.
inline void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// `text` with ASCII letters lower-cased (other bytes, UTF-8 included, kept):
// header names, hosts, config keywords.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The host of the URL `url` as written (percent-encoding kept; an IPv6
// host in brackets), or nullopt when `url` is not a URL with a scheme.
std::optional<std::string> url_host(std::string_view url);

}  // namespace herald
