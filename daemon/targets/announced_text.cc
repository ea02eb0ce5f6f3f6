#include "daemon/targets/announced_text.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace herald {
namespace {

std::optional<std::string> text_of(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  const boost::json::object* object = ec ? nullptr : value.if_object();
  if (object == nullptr) return std::nullopt;
  if (const boost::json::value* record = object->if_contains("record"); record && record->is_object()) {
    object = &record->get_object();  // Bluesky: {"repo", "collection", "record": {"text", ...}}
  }
  for (const char* key : {"status", "text", "content", "message", "commentary", "caption"}) {
    const boost::json::value* text = object->if_contains(key);
    if (text && text->is_string()) return std::string(text->get_string());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> announced_text(const std::vector<ShownRequest>& requests) {
  for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
    if (std::optional<std::string> text = text_of(it->body)) return text;
  }
  return std::nullopt;
}

}  // namespace herald
