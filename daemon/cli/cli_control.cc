#include "daemon/cli/cli_control.h"

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <iostream>

#include "daemon/control/control_client.h"
#include "daemon/outbox/state_outbox.h"

namespace herald {

std::string control_socket_path(const Config& config) {
  if (!config.control.socket.empty()) return config.control.socket;
  return config.state.dir + "/control.sock";
}


std::string not_running_message(const std::string& socket) {
  return "herald is not running (nothing listens on " + socket +
         "); start it with `systemctl start herald`";
}

ControlReply ask_daemon(const Config& config, const std::string& command,
                        const boost::json::object& args, std::chrono::milliseconds timeout) {
  return call_daemon(control_socket_path(config), command, args, timeout);
}

int report_failure(const Config& config, const ControlReply& reply) {
  if (reply.kind == ControlReply::Kind::down) {
    std::cerr << "herald: " << not_running_message(control_socket_path(config)) << '\n';
    return kCliNotRunning;
  }
  std::cerr << "herald: " << reply.error << '\n';
  return kCliFailed;
}

const boost::json::value& member(const boost::json::value& value, std::string_view key) {
  static const boost::json::value null;
  const boost::json::object* object = value.if_object();
  const boost::json::value* found = object ? object->if_contains(key) : nullptr;
  return found ? *found : null;
}

std::string cell(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::string: return std::string(value.get_string());
    case boost::json::kind::int64: return std::to_string(value.get_int64());
    case boost::json::kind::uint64: return std::to_string(value.get_uint64());
    case boost::json::kind::bool_: return value.get_bool() ? "yes" : "no";
    case boost::json::kind::null: return "-";
    default: return boost::json::serialize(value);
  }
}

// The database of state.database, read now (the editor commands load the
// configuration without it), then the shared outbox, read-only.
Result<std::unique_ptr<Outbox>> open_shared_outbox_read_only(const Config& config) {
  ConfigResult loaded = load_config(config.path, TargetKeys::names_types_and_database);
  if (!loaded.config) {
    std::string why = loaded.errors.empty() ? "" : ": " + loaded.errors.front().to_string();
    return Status::failed("cannot read the state database of " + config.path + why);
  }
  return open_state_outbox(*loaded.config, Outbox::Mode::read_only);
}

Result<std::unique_ptr<Outbox>> open_outbox_read_only(const Config& config) {
  if (config.state.has_database) return open_shared_outbox_read_only(config);
  std::string path = outbox_path(config);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::unique_ptr<Outbox>();
  return Outbox::open(path, Outbox::Mode::read_only);
}

int run_read_only(const Config& config, const std::string& command, const boost::json::object& args,
                  const OfflineAnswer& offline, const RenderAnswer& render, bool json) {
  ControlReply reply = ask_daemon(config, command, args, std::chrono::seconds(10));
  boost::json::object answer;
  if (reply.kind == ControlReply::Kind::ok && reply.result.is_object()) {
    answer = std::move(reply.result.get_object());
  } else if (reply.kind == ControlReply::Kind::down) {
    Result<boost::json::object> built = offline();
    if (!built.ok()) {
      std::cerr << "herald: " << built.error() << '\n';
      return kCliFailed;
    }
    answer = *std::move(built);
  } else {
    if (reply.kind == ControlReply::Kind::ok) reply = {ControlReply::Kind::error, {}, "unexpected reply to " + command};
    return report_failure(config, reply);
  }
  if (json) {
    print_json(answer);
  } else {
    std::cout << render(answer);
  }
  return kCliOk;
}

void print_json(const boost::json::value& value) {
  std::cout << boost::json::serialize(value) << '\n';
}

}  // namespace herald
