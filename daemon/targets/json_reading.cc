#include "daemon/targets/json_reading.h"

#include <boost/json/parse.hpp>

namespace herald {

std::optional<boost::json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  return parsed;
}

std::string json_text(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<std::int64_t> json_integer(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  boost::system::error_code ec;
  double number = value->to_number<double>(ec);
  if (ec) return std::nullopt;
  return static_cast<std::int64_t>(number);
}

}  // namespace herald
