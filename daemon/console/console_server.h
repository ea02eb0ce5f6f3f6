// The console's own HTTP listener (console.listen), never the feeds' one:
// Beast on the daemon's loop (io_context), one request per connection
// (answered with "Connection: close"), each carried to the ConsoleApp and
// its answer written back. Limits: headers 16 KiB, a form body 64 KiB, 10 s
// for the whole exchange (a failed login's delay included), at most
// kMaxConsoleConnections at once (more are closed at accept). The trusted
// proxy's user header is read only from addresses in `trusted_proxies`;
// from any other address it is ignored. Every answer says no-store and
// forbids framing and sniffing; its Content-Security-Policy allows the
// console's own script (/console.js) and its requests, nothing inline but
// the style, nothing from elsewhere.
//
// Construct, use and destroy on the loop's thread; nothing throws out.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "daemon/console/console_app.h"
#include "feeds/status.h"

namespace herald {

inline constexpr std::size_t kMaxConsoleConnections = 64;

struct ConsoleServerCore;

class ConsoleServer {
 public:
  // Listens on `listen` ("127.0.0.1:8081", "[::1]:8081"). The Result holds
  // the server, or why not ("console: cannot listen on 127.0.0.1:8081:
  // Address already in use"). `app` must outlive the server.
  static Result<std::unique_ptr<ConsoleServer>> start(boost::asio::io_context& io, const std::string& listen,
                                                      ConsoleApp& app, const std::string& proxy_user_header,
                                                      const std::vector<std::string>& trusted_proxies);
  ~ConsoleServer();
  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  // The port listened on (the configured one, or the one given for port 0).
  unsigned short port() const;

 private:
  explicit ConsoleServer(std::shared_ptr<ConsoleServerCore> core);
  std::shared_ptr<ConsoleServerCore> core_;
};

}  // namespace herald
