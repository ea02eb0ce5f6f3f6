#include "daemon/targets/linkedin/linkedin_answer.h"

#include <boost/json.hpp>

#include "daemon/targets/json_reading.h"

namespace herald {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// The object member `key` of `object`; nullptr when absent or not an object.
const json::object* object_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_object() ? &value->get_object() : nullptr;
}

}  // namespace

std::string LinkedInError::describe() const {
  std::string text = code;
  if (service_code != 0) text += (text.empty() ? "" : ", ") + std::string("serviceErrorCode ") + std::to_string(service_code);
  if (!message.empty()) text += (text.empty() ? "" : ": ") + message;
  return text;
}

LinkedInError read_linkedin_error(std::string_view body) {
  LinkedInError error;
  std::optional<json::value> parsed = parse_json(body);
  if (!parsed || !parsed->is_object()) return error;
  const json::object& object = parsed->get_object();
  error.code = json_text(object, "code");
  error.message = json_text(object, "message");
  if (std::optional<std::int64_t> service = json_integer(object, "serviceErrorCode")) {
    error.service_code = static_cast<int>(*service);
  }
  return error;
}

std::string duplicate_post_urn(const LinkedInError& error) {
  if (error.code != "DUPLICATE_POST" && error.message.find("duplicate") == std::string::npos) return "";
  for (std::string_view kind : {"urn:li:share:", "urn:li:ugcPost:"}) {
    std::size_t at = error.message.find(kind);
    if (at == std::string::npos) continue;
    std::size_t end = error.message.find_first_not_of("0123456789", at + kind.size());
    if (end == at + kind.size()) continue;
    return error.message.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
  return "";
}

std::string find_linkedin_post(std::string_view body, const std::string& source) {
  std::optional<json::value> parsed = parse_json(body);
  const json::value* elements = parsed && parsed->is_object() ? parsed->get_object().if_contains("elements") : nullptr;
  if (elements == nullptr || !elements->is_array()) return "";
  for (const json::value& element : elements->get_array()) {
    if (!element.is_object()) continue;
    const json::object* content = object_member(element.get_object(), "content");
    const json::object* article = content ? object_member(*content, "article") : nullptr;
    if (article && json_text(*article, "source") == source) return json_text(element.get_object(), "id");
  }
  return "";
}

LinkedInUpload read_linkedin_upload(std::string_view body) {
  std::optional<json::value> parsed = parse_json(body);
  const json::object* value = parsed && parsed->is_object() ? object_member(parsed->get_object(), "value") : nullptr;
  if (value == nullptr) return {};
  return {json_text(*value, "uploadUrl"), json_text(*value, "image")};
}

std::int64_t next_utc_midnight_ms(std::int64_t now_ms) { return (now_ms / kDayMs + 1) * kDayMs; }

}  // namespace herald
