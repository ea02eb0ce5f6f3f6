// Small string helpers used across the core.
#pragma once

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

}  // namespace herald
