#include "daemon/text/post_snapshot.h"

#include <utility>

#include "daemon/text/post_urls.h"

namespace herald {
namespace {

const char* const kStringMembers[] = {"id",      "title",        "url",   "summary", "date",
                                      "section", "section_name", "image", "image_alt", "text"};

// Reads member `key` of `object` into *out when present; false (and *error)
// when it is not a string.
bool read_string(const boost::json::object& object, const char* key, std::string* out,
                 std::string* error) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr) return true;
  if (!value->is_string()) {
    *error = std::string("snapshot: '") + key + "' must be a string";
    return false;
  }
  *out = std::string(value->get_string());
  return true;
}

bool read_tags(const boost::json::object& object, std::vector<std::string>* tags,
               std::string* error) {
  const boost::json::value* value = object.if_contains("tags");
  if (value == nullptr) return true;
  const boost::json::array* array = value->if_array();
  bool ok = array != nullptr;
  for (std::size_t i = 0; ok && i < array->size(); ++i) {
    ok = (*array)[i].is_string();
    if (ok) tags->emplace_back((*array)[i].get_string());
  }
  if (!ok) *error = "snapshot: 'tags' must be an array of strings";
  return ok;
}

bool read_fields(const boost::json::object& object, std::map<std::string, std::string>* fields,
                 std::string* error) {
  const boost::json::value* value = object.if_contains("fields");
  if (value == nullptr) return true;
  const boost::json::object* map = value->if_object();
  bool ok = map != nullptr;
  if (ok) {
    for (const auto& [key, field] : *map) {
      ok = ok && field.is_string();
      if (ok) (*fields)[std::string(key)] = std::string(field.get_string());
    }
  }
  if (!ok) *error = "snapshot: 'fields' must be an object of strings";
  return ok;
}

}  // namespace

boost::json::object post_snapshot(const Post& post, const Config& config,
                                  std::string_view section_name) {
  std::string url = post_public_url(post, config);
  boost::json::object snapshot;
  snapshot["id"] = post.id;
  snapshot["title"] = post.title;
  snapshot["url"] = url;
  snapshot["summary"] = post.summary;
  snapshot["date"] = post.date.rfc3339();
  snapshot["section"] = post.section.str();
  snapshot["section_name"] = section_name.empty() ? std::string_view(post.section) : section_name;
  boost::json::array tags;
  for (const std::string& tag : post.tags) tags.emplace_back(tag);
  snapshot["tags"] = std::move(tags);
  std::string image = post_image_url(post, url);
  bool has_image = !image.empty();
  snapshot["image"] = std::move(image);
  snapshot["image_alt"] = has_image ? post.image_alt() : std::string();
  boost::json::object fields;
  for (const auto& [key, value] : post.fields) fields[key] = value;
  snapshot["fields"] = std::move(fields);
  return snapshot;
}

Result<SnapshotFields> SnapshotFields::read(const boost::json::value& snapshot) {
  const boost::json::object* object = snapshot.if_object();
  if (object == nullptr) return Result<SnapshotFields>::failed("snapshot: not a JSON object");
  SnapshotFields out;
  std::string* targets[] = {&out.id,      &out.title,        &out.url,   &out.summary, &out.date,
                            &out.section, &out.section_name, &out.image, &out.image_alt, &out.text};
  std::string error;
  for (std::size_t i = 0; i < std::size(kStringMembers); ++i) {
    if (!read_string(*object, kStringMembers[i], targets[i], &error)) {
      return Result<SnapshotFields>::failed(error);
    }
  }
  if (!read_tags(*object, &out.tags, &error) || !read_fields(*object, &out.fields, &error)) {
    return Result<SnapshotFields>::failed(error);
  }
  return out;
}

Result<SnapshotFields> SnapshotFields::parse(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json, ec);
  if (ec) return Result<SnapshotFields>::failed("snapshot: not JSON: " + ec.message());
  return read(value);
}

Result<std::string> with_editor_text(std::string_view snapshot_json, std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(snapshot_json, ec);
  if (ec || !value.is_object()) {
    return Result<std::string>::failed("the delivery holds no post snapshot whose text could be edited");
  }
  value.as_object()["text"] = text;
  return boost::json::serialize(value);
}

const std::string& SnapshotFields::field(const std::string& key) const {
  static const std::string kEmpty;
  auto it = fields.find(key);
  return it == fields.end() ? kEmpty : it->second;
}

}  // namespace herald
