#include "daemon/control/control_protocol.h"

#include <array>
#include <cmath>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace herald {
namespace {

constexpr std::array<std::string_view, 8> kCommands = {"status", "list",   "resend", "retry",
                                                       "reload", "confirm-deletions", "approve", "reject"};

// False when a number is beyond a double (1e400): Boost.JSON reads it as
// infinity, which it would write back as `Infinity`, not JSON. The depth is
// bounded by the parser's (parse_options::max_depth).
bool numbers_in_range(const boost::json::value& value) {
  if (value.is_double()) return std::isfinite(value.get_double());
  if (const boost::json::array* array = value.if_array()) {
    for (const boost::json::value& item : *array) {
      if (!numbers_in_range(item)) return false;
    }
  }
  if (const boost::json::object* object = value.if_object()) {
    for (const auto& member : *object) {
      if (!numbers_in_range(member.value())) return false;
    }
  }
  return true;
}

Result<boost::json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return Status::failed("not JSON (" + ec.message() + ")");
  if (!numbers_in_range(value)) return Status::failed("not JSON (a number out of range)");
  return value;
}

}  // namespace

bool is_control_command(std::string_view command) {
  for (std::string_view known : kCommands) {
    if (command == known) return true;
  }
  return false;
}

std::chrono::seconds control_deadline(std::string_view command) {
  return command == "reload" ? kReloadDeadline : kControlDeadline;
}

std::string encode_request(const std::string& command, const boost::json::object& args) {
  boost::json::object request;
  request["command"] = command;
  request["args"] = args;
  return boost::json::serialize(request) + "\n";
}

Result<ControlRequest> parse_request(std::string_view line) {
  auto fail = [&](const std::string& why) {
    return Result<ControlRequest>::failed("invalid request: " + why);
  };
  Result<boost::json::value> value = parse_json(line);
  if (!value.ok()) return fail(value.error());
  const boost::json::object* object = value->if_object();
  if (!object) return fail("expected a JSON object");
  const boost::json::value* command = object->if_contains("command");
  if (!command || !command->is_string()) return fail("\"command\" must be a string");
  ControlRequest request;
  request.command = std::string(command->get_string());
  if (!is_control_command(request.command)) {
    return fail("unknown command '" + request.command +
                "' (expected status, list, resend, retry, approve, reject or reload)");
  }
  if (const boost::json::value* args = object->if_contains("args")) {
    if (!args->is_object()) return fail("\"args\" must be an object");
    request.args = args->get_object();
  }
  for (const auto& member : *object) {
    if (member.key() != "command" && member.key() != "args") {
      return fail("unknown key \"" + std::string(member.key()) + "\"");
    }
  }
  return request;
}

boost::json::value control_error(std::string_view message) {
  return boost::json::object{{"ok", false}, {"error", message}};
}

std::optional<std::string> control_error_message(const boost::json::value& reply) {
  const boost::json::object* object = reply.if_object();
  if (!object || object->size() != 2) return std::nullopt;
  const boost::json::value* ok = object->if_contains("ok");
  const boost::json::value* error = object->if_contains("error");
  if (!ok || !error || ok->kind() != boost::json::kind::bool_ || ok->get_bool() ||
      !error->is_string()) {
    return std::nullopt;
  }
  return std::string(error->get_string());
}

std::string encode_reply(const boost::json::value& result_or_error) {
  if (control_error_message(result_or_error)) {
    return boost::json::serialize(result_or_error) + "\n";
  }
  boost::json::object reply{{"ok", true}, {"result", result_or_error}};
  return boost::json::serialize(reply) + "\n";
}

ControlReply parse_reply(std::string_view line) {
  ControlReply reply;
  Result<boost::json::value> value = parse_json(line);
  const boost::json::object* object = value.ok() ? value->if_object() : nullptr;
  const boost::json::value* ok = object ? object->if_contains("ok") : nullptr;
  if (!ok || ok->kind() != boost::json::kind::bool_) {
    reply.error = "the daemon's reply is not a control reply" +
                  (value.ok() ? std::string() : ": " + value.error());
    return reply;
  }
  if (ok->get_bool()) {
    reply.kind = ControlReply::Kind::ok;
    if (const boost::json::value* result = object->if_contains("result")) reply.result = *result;
    return reply;
  }
  const boost::json::value* error = object->if_contains("error");
  reply.error = error && error->is_string() ? std::string(error->get_string())
                                            : "the daemon reported an error without a message";
  return reply;
}

}  // namespace herald
