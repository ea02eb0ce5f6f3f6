// Fuzzes the control protocol's decoders: bytes -> parse_request and
// parse_reply (daemon/control/control_protocol.h). Besides not crashing, a
// request that parses must encode to a line that parses to the same request,
// and a reply's error or result must survive encode_reply/parse_reply.
// "The same" allows a double to come back one rounding off: Boost.JSON 1.81
// parses numbers fast, not exactly (4.5e300 -> 4.5000000000000005e300).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/control/control_protocol.h"
#include "tests/fuzz/fuzz_check.h"

namespace herald {
namespace {

// a == b, but doubles equal within a relative 1e-15.
bool same(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    double x = a.get_double(), y = b.get_double();
    return x == y || std::abs(x - y) <= 1e-15 * std::max(std::abs(x), std::abs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const boost::json::array &x = a.get_array(), &y = b.get_array();
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), same);
  }
  if (!a.is_object()) return a == b;
  const boost::json::object &x = a.get_object(), &y = b.get_object();
  if (x.size() != y.size()) return false;
  for (const auto& member : x) {
    const boost::json::value* other = y.if_contains(member.key());
    if (!other || !same(member.value(), *other)) return false;
  }
  return true;
}

std::string_view without_newline(const std::string& line) {
  return std::string_view(line).substr(0, line.size() - 1);
}

void check_request(std::string_view line) {
  Result<ControlRequest> request = parse_request(line);
  if (!request.ok()) {
    fuzz::require(request.error().starts_with("invalid request: "), "a refusal without its reason",
                  request.error());
    return;
  }
  std::string encoded = encode_request(request->command, request->args);
  Result<ControlRequest> again = parse_request(without_newline(encoded));
  fuzz::require(again.ok() && again->command == request->command && same(again->args, request->args),
                "an accepted request does not survive encode_request", encoded);
}

void check_reply(std::string_view line) {
  ControlReply reply = parse_reply(line);
  if (reply.kind == ControlReply::Kind::down) {
    fuzz::violation("parse_reply answered down", line);
  }
  if (reply.kind != ControlReply::Kind::ok) return;
  ControlReply again = parse_reply(without_newline(encode_reply(reply.result)));
  // A result shaped like an error reply is sent as one (encode_reply's rule).
  bool as_error = control_error_message(reply.result).has_value();
  fuzz::require(as_error ? again.kind == ControlReply::Kind::error
                         : again.kind == ControlReply::Kind::ok && same(again.result, reply.result),
                "a reply's result does not survive encode_reply", line);
}

}  // namespace
}  // namespace herald

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  herald::check_request(line);
  herald::check_reply(line);
  return 0;
}
