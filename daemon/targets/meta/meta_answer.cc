#include "daemon/targets/meta/meta_answer.h"

#include <algorithm>
#include <optional>

#include <boost/json.hpp>

#include "daemon/targets/json_reading.h"

namespace herald {
namespace {

namespace json = boost::json;

}  // namespace

ContainerStatus read_container_status(std::string_view body, std::string_view state_field,
                                      std::string_view detail_field) {
  ContainerStatus status;
  std::optional<json::value> parsed = parse_json(body);
  if (!parsed || !parsed->is_object()) return status;
  const json::object& o = parsed->get_object();
  std::string state = json_text(o, state_field);
  if (state == "IN_PROGRESS") status.state = ContainerState::in_progress;
  else if (state == "FINISHED") status.state = ContainerState::finished;
  else if (state == "ERROR") status.state = ContainerState::error;
  else if (state == "EXPIRED") status.state = ContainerState::expired;
  else if (state == "PUBLISHED") status.state = ContainerState::published;
  if (detail_field != state_field) status.detail = json_text(o, detail_field);
  return status;
}

bool is_permanent_container_error(std::string_view detail) {
  for (std::string_view code : {"2207004", "2207005", "2207009", "2207010", "2207040"}) {
    if (detail.find(code) != std::string_view::npos) return true;
  }
  return false;
}

std::int64_t PublishingQuota::place_frees_in_ms() const {
  std::int64_t window = duration_ms > 0 ? duration_ms : 24LL * 3600 * 1000;
  return std::max<std::int64_t>(1000, window / std::max<std::int64_t>(1, total));
}

PublishingQuota read_publishing_quota(std::string_view body) {
  PublishingQuota quota;
  std::optional<json::value> parsed = parse_json(body);
  const json::value* data = parsed && parsed->is_object() ? parsed->get_object().if_contains("data") : nullptr;
  if (data == nullptr || !data->is_array() || data->get_array().empty() || !data->get_array()[0].is_object()) {
    return quota;
  }
  const json::object& entry = data->get_array()[0].get_object();
  const json::value* config = entry.if_contains("config");
  std::optional<std::int64_t> usage = json_integer(entry, "quota_usage");
  if (config == nullptr || !config->is_object() || !usage) return quota;
  std::optional<std::int64_t> total = json_integer(config->get_object(), "quota_total");
  std::optional<std::int64_t> duration = json_integer(config->get_object(), "quota_duration");
  if (!total) return quota;
  quota.known = true;
  quota.usage = *usage;
  quota.total = *total;
  quota.duration_ms = duration.value_or(86400) * 1000;
  return quota;
}

MetaMedia find_meta_media(std::string_view body, std::string_view text_field, std::string_view url) {
  std::optional<json::value> parsed = parse_json(body);
  const json::value* data = parsed && parsed->is_object() ? parsed->get_object().if_contains("data") : nullptr;
  if (data == nullptr || !data->is_array() || url.empty()) return {};
  for (const json::value& item : data->get_array()) {
    if (!item.is_object()) continue;
    const json::object& media = item.get_object();
    if (json_text(media, text_field).find(url) != std::string::npos && !json_text(media, "id").empty()) {
      return MetaMedia{json_text(media, "id"), json_text(media, "permalink")};
    }
  }
  return {};
}

}  // namespace herald
