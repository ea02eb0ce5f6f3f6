// The control protocol between the `herald` CLI and `herald run`, over the
// Unix stream socket of ControlConfig::socket (see docs/cli.md).
//
// One exchange per connection: the client sends ONE JSON object terminated
// by "\n":
//   {"command": "status"|"list"|"resend"|"retry"|"approve"|"reject"|"reload"|
//               "confirm-deletions", "args": {...}}
// ("args" may be omitted: {}), and the daemon answers ONE JSON line, then
// closes:
//   {"ok": true, "result": <value>}     or     {"ok": false, "error": "<message>"}
// Requests are at most kMaxRequestBytes including the newline.
//
// This file only encodes and decodes; it does no I/O.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/status.h"

namespace herald {

inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
// How long the daemon gives one connection (reading the request, handling
// it, writing the reply); reload rebuilds the site and gets longer.
inline constexpr std::chrono::seconds kControlDeadline{10};
inline constexpr std::chrono::seconds kReloadDeadline{120};
inline constexpr int kMaxControlClients = 16;

struct ControlRequest {
  std::string command;
  boost::json::object args;
};

// Whether `command` is one the daemon understands.
bool is_control_command(std::string_view command);
// The deadline of a connection that carries `command`.
std::chrono::seconds control_deadline(std::string_view command);

// "<json>\n"
std::string encode_request(const std::string& command, const boost::json::object& args);
// Parses one request line (without its "\n"). The Result holds the request,
// or why it is refused, e.g. "invalid request: unknown command 'stats'
// (expected status, list, resend, retry or reload)".
Result<ControlRequest> parse_request(std::string_view line);

// {"ok": false, "error": message}: what a handler passes to its Respond to
// report a failure (see ControlServer).
boost::json::value control_error(std::string_view message);
// The error message when `reply` is exactly a control_error(), else nullopt.
std::optional<std::string> control_error_message(const boost::json::value& reply);
// The reply line for what a handler responded: control_error() values are
// sent as they are, anything else as {"ok": true, "result": value}.
std::string encode_reply(const boost::json::value& result_or_error);

// A decoded reply, as the client sees it.
struct ControlReply {
  enum class Kind { ok, error, down };  // scoped: `error` is also the message member
  Kind kind = Kind::error;
  boost::json::value result;  // kind ok
  std::string error;          // kind error and down: a readable sentence
};
// Decodes one reply line (without its "\n"); an unreadable one is kind error.
ControlReply parse_reply(std::string_view line);

}  // namespace herald
