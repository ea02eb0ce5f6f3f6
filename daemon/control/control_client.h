// The CLI's end of the control socket (protocol: daemon/control/control_protocol.h):
// one blocking request/reply exchange with `herald run`.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <string>

#include "daemon/control/control_protocol.h"

namespace herald {

// Sends {"command", "args"} to the daemon listening on `socket_path` and
// waits at most `timeout` for its reply. Never throws. The reply's kind:
// - ok: the daemon's result;
// - error: the daemon's error message, or why the exchange failed
//   ("cannot connect to /x.sock: Permission denied", "herald did not answer
//   within 10 s (/x.sock)", "herald closed the connection without an answer");
// - down: nothing listens on the socket (the file is missing, or stale):
//   error is "nothing listens on <socket_path>".
ControlReply call_daemon(const std::string& socket_path, const std::string& command,
                         const boost::json::object& args, std::chrono::milliseconds timeout);

}  // namespace herald
