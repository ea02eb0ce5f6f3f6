#include "daemon/targets/graph_answer.h"

#include <algorithm>
#include <array>
#include <optional>

#include <boost/json.hpp>

#include "daemon/targets/json_reading.h"

namespace herald {
namespace {

namespace json = boost::json;

std::int64_t integer(const json::object& object, std::string_view key) {
  return json_integer(object, key).value_or(0);
}

GraphErrorClass classify(int code) {
  constexpr std::array<int, 6> kThrottled = {4, 17, 32, 341, 613, 80001};
  if (code == 190 || code == 102) return GraphErrorClass::token;
  if (std::find(kThrottled.begin(), kThrottled.end(), code) != kThrottled.end()) return GraphErrorClass::throttled;
  if (code == 3 || code == 10 || (code >= 200 && code <= 299)) return GraphErrorClass::permission;
  if (code == 100) return GraphErrorClass::invalid;
  if (code == 506) return GraphErrorClass::duplicate;
  if (code == 1609005) return GraphErrorClass::link;
  return GraphErrorClass::other;
}

// The usage figures of one object: the highest percentage, the longest wait.
void take_usage(const json::object& figures, GraphUsage& usage) {
  for (std::string_view key : {"call_count", "total_cputime", "total_time"}) {
    usage.max_percent = std::max(usage.max_percent, static_cast<int>(integer(figures, key)));
  }
  usage.regain_ms = std::max(usage.regain_ms, integer(figures, "estimated_time_to_regain_access") * 60'000);
}

}  // namespace

std::string GraphError::describe() const {
  std::string out = "code " + std::to_string(code);
  if (subcode != 0) out += ", subcode " + std::to_string(subcode);
  if (!message.empty()) out += ": " + message;
  return out;
}

GraphError read_graph_error(std::string_view body) {
  GraphError error;
  std::optional<json::value> parsed = parse_json(body);
  if (!parsed || !parsed->is_object()) return error;
  const json::value* envelope = parsed->get_object().if_contains("error");
  if (envelope == nullptr || !envelope->is_object()) return error;
  const json::object& e = envelope->get_object();
  error.code = static_cast<int>(integer(e, "code"));
  error.subcode = static_cast<int>(integer(e, "error_subcode"));
  error.message = json_text(e, "message");
  error.fbtrace_id = json_text(e, "fbtrace_id");
  error.kind = classify(error.code);
  return error;
}

std::string graph_token_reason(int subcode) {
  switch (subcode) {
    case 458: return "the app was removed from the account that granted the token";
    case 459: return "the account that granted the token is checkpointed (log in to Facebook to clear it)";
    case 460: return "the password of the account that granted the token changed";
    case 463: return "the token expired (it came from a short-lived user token)";
    case 464: return "the account that granted the token is unconfirmed";
    case 467: return "the token was invalidated (logged out or revoked)";
    case 492: return "the account that granted the token lost its role on the Page";
    default: return "";
  }
}

GraphUsage read_graph_usage(const HttpHeaders& headers) {
  GraphUsage usage;
  for (std::string_view name : {"x-app-usage", "x-page-usage"}) {
    const std::string* value = find_header(headers, name);
    std::optional<json::value> parsed = value ? parse_json(*value) : std::nullopt;
    if (parsed && parsed->is_object()) take_usage(parsed->get_object(), usage);
  }
  const std::string* business = find_header(headers, "x-business-use-case-usage");
  std::optional<json::value> parsed = business ? parse_json(*business) : std::nullopt;
  if (parsed && parsed->is_object()) {
    for (const auto& entry : parsed->get_object()) {
      if (!entry.value().is_array()) continue;
      for (const json::value& figures : entry.value().get_array()) {
        if (figures.is_object()) take_usage(figures.get_object(), usage);
      }
    }
  }
  return usage;
}

GraphPost find_graph_post(std::string_view body, std::string_view url) {
  std::optional<json::value> parsed = parse_json(body);
  const json::value* data = parsed && parsed->is_object() ? parsed->get_object().if_contains("data") : nullptr;
  if (data == nullptr || !data->is_array() || url.empty()) return {};
  for (const json::value& item : data->get_array()) {
    if (!item.is_object()) continue;
    const json::object& post = item.get_object();
    bool carries = json_text(post, "message").find(url) != std::string::npos;
    const json::value* attachments = post.if_contains("attachments");
    const json::value* list = attachments && attachments->is_object() ? attachments->get_object().if_contains("data")
                                                                       : nullptr;
    if (list && list->is_array()) {
      for (const json::value& attachment : list->get_array()) {
        if (!attachment.is_object()) continue;
        const json::object& a = attachment.get_object();
        carries = carries || json_text(a, "unshimmed_url") == url || json_text(a, "url") == url;
      }
    }
    if (carries && !json_text(post, "id").empty()) {
      return GraphPost{json_text(post, "id"), json_text(post, "permalink_url")};
    }
  }
  return {};
}

}  // namespace herald
