// Fuzzes the control protocol's decoders: bytes -> parse_request and
// parse_reply (daemon/control/control_protocol.h). Besides not crashing, a
// request that parses must encode to a line that parses to the same request,
// and a reply's error or result must survive encode_reply/parse_reply.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/control/control_protocol.h"
#include "tests/fuzz/fuzz_check.h"

namespace herald {
namespace {

std::string_view without_newline(const std::string& line) {
  return std::string_view(line).substr(0, line.size() - 1);
}

void check_request(std::string_view line) {
  std::string error;
  std::optional<ControlRequest> request = parse_request(line, &error);
  if (!request) {
    fuzz::require(error.starts_with("invalid request: "), "a refusal without its reason", error);
    return;
  }
  std::string encoded = encode_request(request->command, request->args);
  std::optional<ControlRequest> again = parse_request(without_newline(encoded), &error);
  fuzz::require(again && again->command == request->command && again->args == request->args,
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
                         : again.kind == ControlReply::Kind::ok && again.result == reply.result,
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
