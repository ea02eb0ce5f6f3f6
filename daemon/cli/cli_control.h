// What the editor commands (status, list, resend, retry, reload) share:
// their exit codes, where they find the daemon and its outbox, and how they
// print JSON (times: cli_time.h). Exit codes are documented in docs/cli.md.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/control/control_protocol.h"
#include "daemon/outbox/outbox.h"
#include "feeds/status.h"

namespace herald {

inline constexpr int kCliOk = 0;
inline constexpr int kCliFailed = 1;       // the daemon refused or failed the command
inline constexpr int kCliUsage = 2;        // bad arguments or configuration
inline constexpr int kCliNotRunning = 3;   // a write command, and no daemon listens

// config.control.socket, else <state.dir>/control.sock.
std::string control_socket_path(const Config& config);

// "herald is not running (nothing listens on <socket>); start it with
// `systemctl start herald`"
std::string not_running_message(const std::string& socket);

// Sends the command to the daemon of `config` (control_client.h).
ControlReply ask_daemon(const Config& config, const std::string& command,
                        const boost::json::object& args, std::chrono::milliseconds timeout);
// Prints `reply`'s failure on stderr ("herald: <error>") and returns the
// exit code: kCliNotRunning when down, else kCliFailed.
int report_failure(const Config& config, const ControlReply& reply);

// `value`'s member `key`, or null when either is missing: replies are read
// defensively (a daemon of another version may answer other shapes).
const boost::json::value& member(const boost::json::value& value, std::string_view key);
// A table cell: strings as they are, numbers in decimal, null "-",
// booleans "yes" / "no".
std::string cell(const boost::json::value& value);

// The Result holds the outbox of `config` opened read-only (nullptr when it
// does not exist yet), or why it could not be opened. With state.database,
// the shared outbox (its password read now, from the URL's ${ENV} or
// state.database_password_file: the one secret the editor commands read,
// never shown), so the commands show the cluster while the daemon is down.
// Its name in messages: Outbox::path() (the URL, password masked).
Result<std::unique_ptr<Outbox>> open_outbox_read_only(const Config& config);

// A read-only command (status, list): asks the daemon; when it is down,
// `offline` builds the same answer from the database, or says why it could
// not (printed "herald: <why>", exit kCliFailed). Then prints the answer as
// JSON or through `render`.
using OfflineAnswer = std::function<Result<boost::json::object>()>;
using RenderAnswer = std::function<std::string(const boost::json::object& answer)>;
int run_read_only(const Config& config, const std::string& command, const boost::json::object& args,
                  const OfflineAnswer& offline, const RenderAnswer& render, bool json);

// One JSON document on one line, on stdout.
void print_json(const boost::json::value& value);

}  // namespace herald
