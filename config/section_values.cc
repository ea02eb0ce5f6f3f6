#include "config/section_values.h"

#include "config/config_paths.h"

namespace herald {

bool read_string(const SectionReader& section, const std::string& key, std::string& out) {
  std::optional<ScalarValue> value = section.string(key);
  if (!value) return false;
  out = std::move(value->text);
  return true;
}

bool read_required(const SectionReader& section, const std::string& key,
                   const std::string& hint, std::string& out) {
  if (!section.has(key)) {
    section.missing(key, hint);
    return false;
  }
  std::string text;
  if (!read_string(section, key, text)) return false;
  if (text.empty()) {
    section.error(key, "must not be empty; " + hint);
    return false;
  }
  out = std::move(text);
  return true;
}

bool read_checked(const SectionReader& section, const std::string& key, const ValueRule& rule,
                  std::string& out) {
  std::string text;
  if (!read_string(section, key, text)) return false;
  std::string error = rule(text);
  if (!error.empty()) {
    section.error(key, error);
    return false;
  }
  out = std::move(text);
  return true;
}

bool read_strings(const SectionReader& section, const std::string& key,
                  std::vector<std::string>& out) {
  std::optional<std::vector<ScalarValue>> items = section.list(key);
  if (!items) return false;
  out.clear();
  for (ScalarValue& item : *items) out.push_back(std::move(item.text));
  return true;
}

bool read_directory(const SectionReader& section, const std::string& key,
                    const std::string& base_dir, const std::string& hint, std::string& out) {
  std::string dir;
  if (!read_required(section, key, hint, dir)) return false;
  out = resolve_directory(base_dir, dir);
  return true;
}

}  // namespace herald
