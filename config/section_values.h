// Reads shared by the section readers: a string into a field, a required
// string, a string checked by a value rule, a list of strings, a directory,
// a duration, a readable file.
// Each leaves `out` unchanged (the default) when the key is absent or invalid.
#pragma once

#include <chrono>
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

// A duration (see parse_duration) of at least `minimum`; with `zero_allowed`,
// 0 ("never", "off") too. Too small: "must be [0 or ]at least <minimum>, got '<text>'".
bool read_duration(const SectionReader& section, const std::string& key,
                   std::chrono::milliseconds minimum, bool zero_allowed,
                   std::chrono::milliseconds& out);
// A regular file that exists and is readable now, resolved against
// `base_dir`; what it holds is described by `what` in messages
// ("a PEM file of CA certificates").
bool read_readable_file(const SectionReader& section, const std::string& key,
                        const std::string& base_dir, const std::string& what, std::string& out);

}  // namespace herald
