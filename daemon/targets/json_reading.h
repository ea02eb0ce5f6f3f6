// Readings of a network's JSON answer that tolerate any shape: a value
// that is absent or of another kind reads as nothing, never as an error
// (the Graph API, Instagram and Threads answers; json_exchange.h's
// json_member for a single member by path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace herald {

// `text` parsed as JSON; nullopt when it is not JSON.
std::optional<boost::json::value> parse_json(std::string_view text);
// The string member `key` of `object`; "" when absent or not a string.
std::string json_text(const boost::json::object& object, std::string_view key);
// The number member `key` of `object`, truncated to an integer; nullopt
// when absent or not a number.
std::optional<std::int64_t> json_integer(const boost::json::object& object, std::string_view key);

}  // namespace herald
