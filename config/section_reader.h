// SectionReader: typed, checked reads of one YAML mapping of the
// configuration ("site", "feeds.main", or the top level). Every problem is
// appended to the ReadContext as a Diagnostic at the offending node; reads
// never throw and never stop at the first error. Constructing a reader
// reports a node that is not a mapping, unknown keys (with a suggestion) and
// duplicated keys. Every scalar read goes through environment expansion.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/env_expansion.h"
#include "feeds/diagnostic.h"

namespace herald {

// Where diagnostics go, for one configuration file.
struct ReadContext {
  std::string path;       // as given; used in every Diagnostic
  EnvLookup env;
  std::vector<Diagnostic> errors;

  // Adds a diagnostic at `mark` (0-based, as yaml-cpp gives it; a null mark
  // gives a diagnostic without line and column).
  void error(const YAML::Mark& mark, std::string message);
};

// A scalar value after environment expansion, with its position.
struct ScalarValue {
  std::string text;
  YAML::Mark mark;
};

class SectionReader {
 public:
  // `name` is the dotted path ("" for the top level). `anchor` locates
  // "is required" errors: the mark of the key naming this section.
  // `keys` are the accepted keys, in the order shown in messages.
  SectionReader(ReadContext& context, const YAML::Node& node, std::string name,
                std::vector<std::string> keys, const YAML::Mark& anchor);

  // The mapping under `key`, read with its own accepted keys. Call it once
  // per section: construction reports the section's key errors.
  SectionReader section(const std::string& key, std::vector<std::string> keys) const;

  // The mappings listed under `key`, each read as a section named
  // "<key>[i]" (0-based) with the accepted keys `keys_of(item)`, anchored at
  // the item. Empty when `key` is absent or null; a value that is not a
  // list is reported as "'<key>' must be a list of mappings; <hint>, got ...".
  std::vector<SectionReader> items(
      const std::string& key, const std::string& hint,
      const std::function<std::vector<std::string>(const YAML::Node& item)>& keys_of) const;

  bool has(const std::string& key) const { return find(key) != nullptr; }
  // Whether `key` is present and holds a mapping (a key with two shapes).
  bool is_mapping(const std::string& key) const {
    const Entry* entry = find(key);
    return entry != nullptr && entry->value.IsMap();
  }
  // The 1-based line of this section's anchor (0 when it has none).
  int line() const;
  // "site.title", or "site" at the top level.
  std::string qualified(const std::string& key) const;

  // Reports "'<qualified key>' <message>" at the key's value.
  void error(const std::string& key, const std::string& message) const;
  // Reports "'<qualified key>' <message>" at `mark` (e.g. of a list item).
  void error_at(const YAML::Mark& mark, const std::string& key, const std::string& message) const;
  // Reports "'<qualified key>' is required; <hint>" at this section's anchor,
  // unless this section (or its parent) was already reported as not a mapping.
  void missing(const std::string& key, const std::string& hint) const;

  // Each returns nullopt when the key is absent or its value is invalid (the
  // latter reported). A YAML null string reads as "".
  std::optional<ScalarValue> string(const std::string& key) const;
  std::optional<bool> boolean(const std::string& key) const;
  std::optional<long long> integer(const std::string& key, long long min, long long max) const;
  // A sequence of strings; a single string is a one-element list, null is [].
  std::optional<std::vector<ScalarValue>> list(const std::string& key) const;
  // A number (decimal, with an optional fraction) greater than 0 and at most `max`.
  std::optional<double> positive_number(const std::string& key, double max) const;
  // A mapping of names to strings, in file order: the values are expanded,
  // the names are not. Null is the empty mapping. Pairs that are not a name
  // and a string are reported and left out (the others can still be checked).
  std::optional<std::vector<std::pair<ScalarValue, ScalarValue>>> string_map(
      const std::string& key) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  void check_keys(const YAML::Node& node, const std::vector<std::string>& keys);
  const Entry* find(const std::string& key) const;
  YAML::Mark value_mark(const Entry& entry) const;
  // The expanded scalar under `key`; a non-scalar is reported as
  // "'<key>' <expected>, got <what it is>".
  std::optional<ScalarValue> typed_scalar(const std::string& key,
                                          const std::string& expected) const;
  std::optional<ScalarValue> expand(const std::string& key, const std::string& text,
                                    const YAML::Mark& mark) const;

  ReadContext* context_;
  std::string name_;
  YAML::Mark anchor_;
  std::vector<Entry> entries_;
  bool not_a_mapping_ = false;  // reported; its keys are not reported missing
};

// "'text'", "a list", "a mapping" or "nothing": what a node holds, for messages.
std::string describe(const YAML::Node& node);

}  // namespace herald
