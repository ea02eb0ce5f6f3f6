// Reads shared by the section readers: a string into a field, a required
// string, a string checked by a value rule, a list of strings, a directory.
// Each leaves `out` unchanged (the default) when the key is absent or invalid.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "config/section_reader.h"

namespace herald {

// A value rule: "" when acceptable, else the message after the key name.
using ValueRule = std::function<std::string(std::string_view)>;

bool read_string(const SectionReader& section, const std::string& key, std::string& out);
// Absent: "'<key>' is required; <hint>"; empty: "'<key>' must not be empty; <hint>".
bool read_required(const SectionReader& section, const std::string& key,
                   const std::string& hint, std::string& out);
bool read_checked(const SectionReader& section, const std::string& key, const ValueRule& rule,
                  std::string& out);
bool read_strings(const SectionReader& section, const std::string& key,
                  std::vector<std::string>& out);
// A required directory, resolved against `base_dir`.
bool read_directory(const SectionReader& section, const std::string& key,
                    const std::string& base_dir, const std::string& hint, std::string& out);

}  // namespace herald
