#include "config/section_values.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "config/config_paths.h"
#include "config/value_rules.h"

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

bool read_duration(const SectionReader& section, const std::string& key,
                   std::chrono::milliseconds minimum, bool zero_allowed,
                   std::chrono::milliseconds& out) {
  std::string text;
  if (!read_checked(section, key, check_duration, text)) return false;
  std::chrono::milliseconds value = *parse_duration(text);
  bool zero = value == std::chrono::milliseconds(0);
  if (zero && zero_allowed) {
    out = value;
    return true;
  }
  if (value < minimum) {
    section.error(key, std::string("must be ") + (zero_allowed ? "0 or " : "") + "at least " +
                           format_duration(minimum) + ", got '" + text + "'");
    return false;
  }
  out = value;
  return true;
}

bool read_readable_file(const SectionReader& section, const std::string& key,
                        const std::string& base_dir, const std::string& what, std::string& out) {
  std::string name;
  if (!read_string(section, key, name)) return false;
  if (name.empty()) {
    section.error(key, "must not be empty; give the path of " + what);
    return false;
  }
  std::string path = resolve_directory(base_dir, name);
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    section.error(key, "names " + path + ", which is a directory; give the path of " + what);
    return false;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string reason = errno != 0 ? std::strerror(errno) : "cannot be opened";
    section.error(key, "names " + path + ", which cannot be read (" + reason +
                           "); give the path of " + what);
    return false;
  }
  out = std::move(path);
  return true;
}

}  // namespace herald
