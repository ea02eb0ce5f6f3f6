#include "config/section_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/suggestion.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

int one_based(int zero_based) { return zero_based < 0 ? 0 : zero_based + 1; }

// The shortest text that reads back as `number` ("10000", "0.5").
std::string format_number(double number) {
  char buffer[32];
  auto [end, status] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return status == std::errc() ? std::string(buffer, end) : std::string();
}

}  // namespace

void ReadContext::error(const YAML::Mark& mark, std::string message) {
  errors.push_back(Diagnostic{path, one_based(mark.line), one_based(mark.column),
                              std::move(message)});
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

SectionReader::SectionReader(ReadContext& context, const YAML::Node& node, std::string name,
                             std::vector<std::string> keys, const YAML::Mark& anchor)
    : context_(&context), name_(std::move(name)), anchor_(anchor) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    std::string subject = name_.empty() ? "the configuration" : "'" + name_ + "'";
    context_->error(node.Mark(), subject + " must be a mapping with the keys " +
                                     join_names(keys) + ", got " + describe(node));
    not_a_mapping_ = true;
    return;
  }
  check_keys(node, keys);
}

void SectionReader::check_keys(const YAML::Node& node, const std::vector<std::string>& keys) {
  std::string where = name_.empty() ? "" : " in '" + name_ + "'";
  std::string what = name_.empty() ? "top-level key" : "key";
  for (const auto& pair : node) {
    const YAML::Node& key_node = pair.first;
    if (!key_node.IsScalar()) {
      context_->error(key_node.Mark(), "keys" + where + " must be plain names, got " +
                                           describe(key_node));
      continue;
    }
    const std::string& key = key_node.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      context_->error(key_node.Mark(), unknown_name_message(what, key, where, keys));
      continue;
    }
    if (const Entry* first = find(key)) {
      context_->error(key_node.Mark(),
                      "duplicate " + what + " '" + key + "'" + where + "; it is first set on line " +
                          std::to_string(one_based(first->key_node.Mark().line)) +
                          ", keep only one");
      continue;
    }
    entries_.push_back(Entry{key, key_node, pair.second});
  }
}

const SectionReader::Entry* SectionReader::find(const std::string& key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

YAML::Mark SectionReader::value_mark(const Entry& entry) const {
  // An empty value has the mark of whatever follows it: point at the key.
  return entry.value.IsNull() ? entry.key_node.Mark() : entry.value.Mark();
}

int SectionReader::line() const { return one_based(anchor_.line); }

std::vector<SectionReader> SectionReader::items(
    const std::string& key, const std::string& hint,
    const std::function<std::vector<std::string>(const YAML::Node& item)>& keys_of) const {
  std::vector<SectionReader> readers;
  const Entry* entry = find(key);
  if (entry == nullptr || entry->value.IsNull()) return readers;
  if (!entry->value.IsSequence()) {
    error(key, "must be a list of mappings; " + hint + ", got " + describe(entry->value));
    return readers;
  }
  std::size_t index = 0;
  for (const YAML::Node& item : entry->value) {
    std::string name = qualified(key) + "[" + std::to_string(index++) + "]";
    readers.emplace_back(*context_, item, std::move(name), keys_of(item), item.Mark());
  }
  return readers;
}

std::string SectionReader::qualified(const std::string& key) const {
  return name_.empty() ? key : name_ + "." + key;
}

SectionReader SectionReader::section(const std::string& key,
                                     std::vector<std::string> keys) const {
  const Entry* entry = find(key);
  if (entry == nullptr) {
    SectionReader absent(*context_, YAML::Node(), qualified(key), std::move(keys), anchor_);
    absent.not_a_mapping_ = not_a_mapping_;
    return absent;
  }
  return SectionReader(*context_, entry->value, qualified(key), std::move(keys),
                       entry->key_node.Mark());
}

void SectionReader::error(const std::string& key, const std::string& message) const {
  const Entry* entry = find(key);
  error_at(entry ? value_mark(*entry) : anchor_, key, message);
}

void SectionReader::error_at(const YAML::Mark& mark, const std::string& key,
                             const std::string& message) const {
  context_->error(mark, "'" + qualified(key) + "' " + message);
}

void SectionReader::missing(const std::string& key, const std::string& hint) const {
  if (not_a_mapping_) return;
  context_->error(anchor_, "'" + qualified(key) + "' is required; " + hint);
}

std::optional<ScalarValue> SectionReader::expand(const std::string& key, const std::string& text,
                                                 const YAML::Mark& mark) const {
  Expansion expansion = expand_environment(text, context_->env);
  if (!expansion.error.empty()) {
    error_at(mark, key, expansion.error);
    return std::nullopt;
  }
  return ScalarValue{std::move(expansion.text), mark};
}

std::optional<ScalarValue> SectionReader::string(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  if (entry->value.IsNull()) return ScalarValue{"", value_mark(*entry)};
  if (!entry->value.IsScalar()) {
    error(key, "must be a string, got " + describe(entry->value));
    return std::nullopt;
  }
  return expand(key, entry->value.Scalar(), entry->value.Mark());
}

std::optional<ScalarValue> SectionReader::typed_scalar(const std::string& key,
                                                       const std::string& expected) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  if (!entry->value.IsScalar()) {
    error(key, expected + ", got " + describe(entry->value));
    return std::nullopt;
  }
  return expand(key, entry->value.Scalar(), entry->value.Mark());
}

std::optional<bool> SectionReader::boolean(const std::string& key) const {
  const std::string expected = "must be true or false";
  std::optional<ScalarValue> value = typed_scalar(key, expected);
  if (!value) return std::nullopt;
  std::string text = ascii_lower(value->text);
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  error(key, expected + ", got '" + value->text + "'");
  return std::nullopt;
}

std::optional<long long> SectionReader::integer(const std::string& key, long long min,
                                                long long max) const {
  const std::string expected = "must be a whole number from " + std::to_string(min) + " to " +
                               std::to_string(max);
  std::optional<ScalarValue> value = typed_scalar(key, expected);
  if (!value) return std::nullopt;
  const std::string& text = value->text;
  long long number = 0;
  auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (status == std::errc() && end == text.data() + text.size() && number >= min &&
      number <= max) {
    return number;
  }
  error(key, expected + ", got '" + text + "'");
  return std::nullopt;
}

std::optional<double> SectionReader::positive_number(const std::string& key, double max) const {
  const std::string expected =
      "must be a number greater than 0 and at most " + format_number(max);
  std::optional<ScalarValue> value = typed_scalar(key, expected);
  if (!value) return std::nullopt;
  const std::string& text = value->text;
  double number = 0;
  auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), number);
  // NaN fails both comparisons.
  if (status == std::errc() && end == text.data() + text.size() && number > 0 && number <= max) {
    return number;
  }
  error(key, expected + ", got '" + text + "'");
  return std::nullopt;
}

std::optional<std::vector<std::pair<ScalarValue, ScalarValue>>> SectionReader::string_map(
    const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  const YAML::Node& node = entry->value;
  std::vector<std::pair<ScalarValue, ScalarValue>> pairs;
  if (node.IsNull()) return pairs;
  if (!node.IsMap()) {
    error(key, "must be a mapping of names to strings, got " + describe(node));
    return std::nullopt;
  }
  for (const auto& pair : node) {
    const YAML::Node& name = pair.first;
    const YAML::Node& value = pair.second;
    if (!name.IsScalar()) {
      error_at(name.Mark(), key, "must map plain names to strings, got " + describe(name) +
                                     " as a name");
      continue;
    }
    std::optional<ScalarValue> text;
    if (value.IsNull()) {
      text = ScalarValue{"", name.Mark()};
    } else if (!value.IsScalar()) {
      error_at(value.Mark(), key, "must map names to strings, got " + describe(value) +
                                      " for '" + name.Scalar() + "'");
    } else {
      text = expand(key, value.Scalar(), value.Mark());
    }
    if (text) pairs.emplace_back(ScalarValue{name.Scalar(), name.Mark()}, std::move(*text));
  }
  return pairs;
}

std::optional<std::vector<ScalarValue>> SectionReader::list(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  const YAML::Node& node = entry->value;
  if (node.IsNull()) return std::vector<ScalarValue>{};
  if (node.IsScalar()) {
    std::optional<ScalarValue> value = expand(key, node.Scalar(), node.Mark());
    if (!value) return std::nullopt;
    return std::vector<ScalarValue>{std::move(*value)};
  }
  if (!node.IsSequence()) {
    error(key, "must be a list of strings, got " + describe(node));
    return std::nullopt;
  }
  std::vector<ScalarValue> items;
  bool valid = true;
  for (const YAML::Node& item : node) {
    std::optional<ScalarValue> value;
    if (item.IsNull()) {
      error_at(item.Mark(), key,
               "has an empty or null item; quote it (\"null\", \"~\", \"\") if you mean that text");
    } else if (!item.IsScalar()) {
      error_at(item.Mark(), key, "must be a list of strings, got " + describe(item) + " inside it");
    } else {
      value = expand(key, item.Scalar(), item.Mark());
    }
    if (value) {
      items.push_back(std::move(*value));
    } else {
      valid = false;
    }
  }
  if (!valid) return std::nullopt;
  return items;
}

}  // namespace herald
