#include "daemon/targets/x/x_progress.h"

#include <boost/json.hpp>

#include "daemon/targets/json_reading.h"

namespace herald {

namespace json = boost::json;

std::string x_progress_text(const XProgress& progress) {
  return json::serialize(json::object{
      {"media_id", progress.media_id}, {"expires_ms", progress.expires_ms}, {"described", progress.described}});
}

XProgress read_x_progress(const std::optional<std::string>& text) {
  XProgress progress;
  std::optional<json::value> parsed = text ? parse_json(*text) : std::nullopt;
  if (!parsed || !parsed->is_object()) return progress;
  const json::object& o = parsed->get_object();
  progress.media_id = json_text(o, "media_id");
  progress.expires_ms = json_integer(o, "expires_ms").value_or(0);
  const json::value* described = o.if_contains("described");
  progress.described = described && described->is_bool() && described->get_bool();
  return progress;
}

}  // namespace herald
