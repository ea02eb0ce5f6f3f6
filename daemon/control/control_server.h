// The daemon's end of the control socket (protocol: daemon/control/control_protocol.h,
// docs/cli.md): accepts local connections on the daemon's io_context, reads
// one request per connection, hands it to the Handler and writes its answer.
//
// Runs on one thread: construct, destroy and call Respond on the thread that
// runs the io_context. Nothing throws out of this class.
// - The socket file is created with mode 0600 (daemon/control/control_listener.h);
//   a stale file is replaced, a live one (another daemon) makes start() fail.
//   The destructor closes every connection and unlinks the file if it is
//   still ours.
// - Limits: requests up to kMaxRequestBytes; each connection must be done
//   within control_deadline(command) (10 s; reload 120 s), after which the
//   client gets {"ok":false,"error":"... did not answer within N s"}; at most
//   kMaxControlClients connections at once (more are answered "busy").
// - The Handler gets valid requests only (known command, object args) and
//   may respond later (e.g. reload after the rebuild). Respond must be called
//   once; later calls, and calls after the client left or the server was
//   destroyed, are ignored. Respond(control_error("why")) sends
//   {"ok":false,"error":"why"}; Respond(v) with any other value sends
//   {"ok":true,"result":v}. A Handler that throws sends
//   {"ok":false,"error":"internal error: <what>"}.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <string>

#include "daemon/control/control_protocol.h"
#include "feeds/status.h"

namespace herald {

struct ControlServerCore;

class ControlServer {
 public:
  using Respond = std::function<void(boost::json::value reply_or_error)>;
  // `caller`: the peer's Unix user (control_peer.h), for the audit.
  using Handler = std::function<void(const std::string& command, const boost::json::object& args,
                                     const std::string& caller, Respond respond)>;

  // Listens on `socket_path`. The Result holds the server, or why it could
  // not listen (e.g. "cannot use the control socket /x/control.sock: another
  // herald is running (it answers there)").
  static Result<std::unique_ptr<ControlServer>> start(boost::asio::io_context& io,
                                                      const std::string& socket_path,
                                                      Handler handler);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  const std::string& socket_path() const;

 private:
  explicit ControlServer(std::shared_ptr<ControlServerCore> core);
  std::shared_ptr<ControlServerCore> core_;
};

}  // namespace herald
