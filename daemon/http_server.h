// The HTTP server of `herald run`: serves the output directory (feeds,
// stylesheets, pages) and routes /healthz and /metrics to the daemon.
//
// Runs on the daemon's io_context (one thread). Every member function must be
// called on that thread or before it runs, except stats(), which any thread
// may call. Nothing throws out of this class; a misbehaving client costs at
// most one connection. File responses are always current: each request stats
// the file (see daemon/file_cache.h), so the daemon need not call
// invalidate() for correctness. Behaviour per request: daemon/http_responder.h;
// limits per connection: daemon/http_connection.h.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/http_server_options.h"

namespace herald {

struct HttpServerCore;

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, HttpServerOptions options, HttpHandlers handlers);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens: "127.0.0.1:8080", "[::1]:8080", ":8080" (every
  // interface, IPv6 and IPv4). Port 0 picks a free port. On failure returns
  // e.g. "cannot listen on 127.0.0.1:8080: Address already in use".
  std::optional<std::string> listen(const std::string& host_port);
  // Serves a listening TCP socket inherited from systemd (socket activation);
  // takes ownership of `native_fd` on success only.
  std::optional<std::string> adopt(int native_fd);
  std::vector<boost::asio::ip::tcp::endpoint> local_endpoints() const;

  // Closes the listening sockets and every connection; responses in flight
  // are dropped. Idempotent.
  void stop();
  // Frees the cached copy of a file (path relative to root, e.g. "rss.xml").
  void invalidate(const std::string& relative_path);
  HttpStats stats() const;

 private:
  std::optional<std::string> serve(boost::asio::ip::tcp::acceptor acceptor);

  boost::asio::io_context& io_;
  std::shared_ptr<HttpServerCore> core_;
  std::vector<std::shared_ptr<boost::asio::ip::tcp::acceptor>> acceptors_;
};

}  // namespace herald
