#include "daemon/targets/mastodon/mastodon_limits.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "feeds/string_util.h"

namespace herald {
namespace {

namespace json = boost::json;

const json::object* object_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value ? value->if_object() : nullptr;
}

// A positive integer member read into `out` (kept otherwise).
void read_count(const json::object* object, std::string_view key, std::size_t& out) {
  if (!object) return;
  const json::value* value = object->if_contains(key);
  if (!value) return;
  if (value->is_int64() && value->get_int64() > 0) out = static_cast<std::size_t>(value->get_int64());
  if (value->is_uint64() && value->get_uint64() > 0) out = static_cast<std::size_t>(value->get_uint64());
}

std::vector<std::string> strings_at(const json::object* object, std::string_view key) {
  std::vector<std::string> out;
  if (!object) return out;
  const json::value* value = object->if_contains(key);
  if (!value || !value->is_array()) return out;
  for (const json::value& item : value->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

// "image/png; charset=x" -> "image/png", trimmed and lower-cased.
std::string bare_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.remove_suffix(1);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) type.remove_prefix(1);
  return ascii_lower(type);
}

MastodonLimits limits_of(const json::object& root) {
  MastodonLimits limits;
  read_count(&root, "max_toot_chars", limits.max_characters);
  const json::object* configuration = object_at(root, "configuration");
  const json::object* statuses = configuration ? object_at(*configuration, "statuses") : nullptr;
  const json::object* media = configuration ? object_at(*configuration, "media_attachments") : nullptr;
  read_count(statuses, "max_characters", limits.max_characters);
  read_count(statuses, "max_media_attachments", limits.max_media_attachments);
  read_count(statuses, "characters_reserved_per_url", limits.characters_reserved_per_url);
  read_count(media, "image_size_limit", limits.image_size_limit);
  limits.supported_mime_types = strings_at(media, "supported_mime_types");
  return limits;
}

}  // namespace

bool MastodonLimits::accepts(std::string_view content_type) const {
  std::string type = bare_type(content_type);
  if (supported_mime_types.empty()) return type.rfind("image/", 0) == 0;
  return std::any_of(supported_mime_types.begin(), supported_mime_types.end(),
                     [&](const std::string& supported) { return ascii_lower(supported) == type; });
}

Result<MastodonLimits> parse_mastodon_instance(std::string_view body, std::int64_t now_ms) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec) return Result<MastodonLimits>::failed("instance: not JSON: " + ec.message());
  if (!parsed.is_object()) return Result<MastodonLimits>::failed("instance: not an object");
  MastodonLimits limits = limits_of(parsed.get_object());
  limits.fetched_ms = now_ms;
  return limits;
}

std::string mastodon_limits_state(const MastodonLimits& limits) {
  json::array types;
  for (const std::string& type : limits.supported_mime_types) types.emplace_back(type);
  json::object state{
      {"fetched_ms", limits.fetched_ms},
      {"configuration",
       json::object{
           {"statuses",
            json::object{{"max_characters", limits.max_characters},
                         {"max_media_attachments", limits.max_media_attachments},
                         {"characters_reserved_per_url", limits.characters_reserved_per_url}}},
           {"media_attachments", json::object{{"image_size_limit", limits.image_size_limit},
                                              {"supported_mime_types", std::move(types)}}}}}};
  return json::serialize(state);
}

std::optional<MastodonLimits> read_mastodon_limits_state(std::string_view state) {
  boost::system::error_code ec;
  json::value parsed = json::parse(state, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const json::value* fetched = parsed.get_object().if_contains("fetched_ms");
  if (!fetched || !fetched->is_int64()) return std::nullopt;
  MastodonLimits limits = limits_of(parsed.get_object());
  limits.fetched_ms = fetched->get_int64();
  return limits;
}

}  // namespace herald
