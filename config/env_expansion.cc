#include "config/env_expansion.h"

#include <cstdlib>

namespace herald {
namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_valid_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Expansion expand_environment(std::string_view text, const EnvLookup& lookup) {
  Expansion result;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      result.text += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      result.text += text[i++];
      continue;
    }
    std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      result.error = "has '${' without a closing '}'; write ${NAME}, or $${ for a literal '${'";
      return result;
    }
    std::string name(text.substr(i + 2, close - i - 2));
    if (!is_valid_name(name)) {
      result.error = "has '${" + name +
                     "}', which is not a variable name; use letters, digits and '_', "
                     "or write $${ for a literal '${'";
      return result;
    }
    std::optional<std::string> value = lookup(name);
    if (!value) {
      result.error = "uses ${" + name + "}, but the environment variable " + name +
                     " is not set; set it, or write $${ for a literal '${'";
      return result;
    }
    result.text += *value;
    i = close + 1;
  }
  return result;
}

}  // namespace herald
