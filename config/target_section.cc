// The `targets:` list: one announcement target per item, read with the keys
// of its type (peeked before the item is read, so that a key of another type
// is reported as unknown) plus the keys every target has.
#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "config/config_sections.h"
#include "config/credentials.h"
#include "config/section_values.h"
#include "config/suggestion.h"
#include "config/target_rules.h"
#include "config/value_rules.h"
#include "feeds/text.h"

namespace herald {
namespace {

using std::chrono::milliseconds;

const std::vector<std::string> kTypes = {"webhook"};
const std::vector<std::string> kWebhookKeys = {"url", "secret", "secret_file", "hub_signature",
                                               "headers"};
const std::vector<std::string> kCommonKeys = {
    "sections",    "tags",         "flag",       "delay",           "wait_for_url",
    "events",      "concurrency",  "rate_per_second", "max_attempts", "connect_timeout",
    "timeout",     "ca_file"};
const std::vector<std::string> kEvents = {"post.published", "post.updated", "post.deleted"};

const std::string kCaFile = "a PEM file of CA certificates";

// The accepted keys of `item`: those of its type, or of every type when the
// type is missing or unknown (that is reported on its own).
std::vector<std::string> keys_of(const YAML::Node& item, const EnvLookup& env) {
  std::string type;
  if (item.IsMap()) {
    for (const auto& pair : item) {
      if (pair.first.IsScalar() && pair.first.Scalar() == "type" && pair.second.IsScalar()) {
        type = expand_environment(pair.second.Scalar(), env).text;
      }
    }
  }
  std::vector<std::string> keys = {"name", "type"};
  if (type == "webhook" || std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
    keys.insert(keys.end(), kWebhookKeys.begin(), kWebhookKeys.end());
  }
  keys.insert(keys.end(), kCommonKeys.begin(), kCommonKeys.end());
  return keys;
}

// A list of section or tag names, stored as slugs (what posts are matched by).
void read_slugs(const SectionReader& item, const std::string& key, std::vector<std::string>& out) {
  std::optional<std::vector<ScalarValue>> names = item.list(key);
  if (!names) return;
  for (const ScalarValue& name : *names) {
    std::string slug = slugify(name.text);
    if (slug.empty()) {
      item.error_at(name.mark, key, "has '" + name.text + "', which has no letter or digit to "
                                    "match a " + (key == "tags" ? "tag" : "section") + " by");
      continue;
    }
    if (std::find(out.begin(), out.end(), slug) == out.end()) out.push_back(std::move(slug));
  }
}

void read_events(const SectionReader& item, TargetConfig& target) {
  std::optional<std::vector<ScalarValue>> events = item.list("events");
  if (!events) return;
  for (const ScalarValue& event : *events) {
    if (event.text == "post.updated") {
      target.post_updated = true;
    } else if (event.text == "post.deleted") {
      target.post_deleted = true;
    } else if (event.text != "post.published") {
      item.error_at(event.mark, "events", "has " + unknown_name_message("event", event.text, "",
                                                                         kEvents));
    }
  }
}

// The text of `secret`, or of the credential `secret_file` names; nullopt
// when neither (or both) is given or the credential cannot be read (reported).
std::optional<std::string> read_secret_text(const SectionReader& item, const EnvLookup& env) {
  bool inline_secret = item.has("secret");
  bool file = item.has("secret_file");
  if (inline_secret && file) {
    item.error("secret_file", "cannot be used together with '" + item.qualified("secret") +
                                  "'; keep one");
    return std::nullopt;
  }
  if (!inline_secret && !file) {
    item.missing("secret", "add secret: ${WEBHOOK_SECRET} or secret_file: NAME (a systemd "
                           "credential) with a Standard Webhooks secret whsec_...");
    return std::nullopt;
  }
  std::string text;
  if (inline_secret) {
    if (!read_string(item, "secret", text)) return std::nullopt;
    return text;
  }
  if (!read_required(item, "secret_file",
                     "give the name of a systemd credential (LoadCredential=NAME:/path) or an "
                     "absolute path",
                     text)) {
    return std::nullopt;
  }
  Credential credential = read_credential(text, env);
  if (!credential.error.empty()) {
    item.error("secret_file", credential.error);
    return std::nullopt;
  }
  return std::move(credential.value);
}

void read_secret(const SectionReader& item, const EnvLookup& env, std::string& out) {
  std::optional<std::string> secret = read_secret_text(item, env);
  if (!secret) return;
  std::string error = check_webhook_secret(*secret);
  if (error.empty()) {
    out = std::move(*secret);
  } else if (item.has("secret")) {
    item.error("secret", error);
  } else {
    item.error("secret_file", "names a file whose text " + error);
  }
}

void read_headers(const SectionReader& item, TargetConfig& target) {
  auto headers = item.string_map("headers");
  if (!headers) return;
  std::map<std::string, int> seen;  // lower-case name -> line
  for (auto& [name, value] : *headers) {
    std::string error = check_header_name(name.text);
    if (error.empty()) error = check_header_value(name.text, value.text);
    std::string folded = name.text;
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    int line = name.mark.line + 1;
    if (error.empty() && seen.count(folded) != 0) {
      error = "sets '" + name.text + "' twice (also on line " + std::to_string(seen[folded]) +
              ", names are not case-sensitive); keep one";
    }
    if (!error.empty()) {
      item.error_at(name.mark, "headers", error);
      continue;
    }
    seen.emplace(folded, line);
    target.headers.emplace_back(std::move(name.text), std::move(value.text));
  }
}

void read_webhook(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  if (read_required(item, "url", "add the URL the webhook is POSTed to, e.g. url: ${WEBHOOK_URL}",
                    target.url)) {
    std::string error = check_target_url(target.url);
    if (!error.empty()) {
      item.error("url", error);
      target.url.clear();
    }
  }
  read_secret(item, env, target.secret);
  if (auto value = item.boolean("hub_signature")) target.hub_signature = *value;
  read_headers(item, target);
}

// The keys every target has: filters, delay, events and per-target limits.
void read_common(const SectionReader& item, const std::string& base_dir, TargetConfig& target) {
  read_slugs(item, "sections", target.sections);
  read_slugs(item, "tags", target.tags);
  read_string(item, "flag", target.flag);
  milliseconds delay(0);
  if (read_duration(item, "delay", milliseconds(1000), true, delay)) {
    if (delay.count() % 1000 != 0) {
      item.error("delay", "must be whole seconds, e.g. 90s or 5m, got '" +
                              format_duration(delay) + "'");
    } else {
      target.delay = std::chrono::duration_cast<std::chrono::seconds>(delay);
    }
  }
  if (auto value = item.boolean("wait_for_url")) target.wait_for_url = *value;
  read_events(item, target);
  if (auto value = item.integer("concurrency", 1, 256)) target.concurrency = static_cast<int>(*value);
  if (auto value = item.positive_number("rate_per_second", 10000)) target.rate_per_second = *value;
  if (auto value = item.integer("max_attempts", 1, 100)) target.max_attempts = static_cast<int>(*value);
  read_duration(item, "connect_timeout", milliseconds(100), false, target.connect_timeout);
  read_duration(item, "timeout", milliseconds(100), false, target.timeout);
  read_readable_file(item, "ca_file", base_dir, kCaFile, target.ca_file);
}

}  // namespace

void read_targets_section(const SectionReader& top, const std::string& base_dir,
                          const EnvLookup& env, std::vector<TargetConfig>& targets) {
  std::vector<SectionReader> items = top.items(
      "targets", "each with name, type and the type's keys",
      [&env](const YAML::Node& item) { return keys_of(item, env); });
  std::map<std::string, int> lines;  // name -> line of its target
  for (const SectionReader& item : items) {
    TargetConfig target;
    target.line = item.line();
    if (read_required(item, "name",
                      "add a unique name such as newsroom-hook (the outbox keys deliveries by it)",
                      target.name)) {
      std::string error = check_target_name(target.name);
      if (error.empty() && lines.count(target.name) != 0) {
        error = "repeats '" + target.name + "', the name of the target on line " +
                std::to_string(lines[target.name]) + "; give each target its own name";
      }
      if (!error.empty()) {
        item.error("name", error);
      } else {
        lines.emplace(target.name, target.line);
      }
    }
    const std::string hint = "add type: webhook (the known types: " + join_names(kTypes) + ")";
    if (read_required(item, "type", hint, target.type)) {
      if (std::find(kTypes.begin(), kTypes.end(), target.type) == kTypes.end()) {
        item.error("type", "names an " + unknown_name_message("target type", target.type, "",
                                                              kTypes));
      }
    }
    if (target.type == "webhook") read_webhook(item, env, target);
    read_common(item, base_dir, target);
    targets.push_back(std::move(target));
  }
}

}  // namespace herald
