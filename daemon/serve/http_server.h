// The HTTP server of `herald run`: serves the output directory (feeds,
// stylesheets, pages) and routes /healthz and /metrics to the daemon.
//
// Accepts on the daemon's io_context and serves the accepted connections on
// io threads of its own (options.io_threads, by default one per core; each
// thread has its own event loop and connections are dealt round-robin), so
// rendering on the daemon's loop does not stall serving. The /healthz and
// /metrics handlers still run on the daemon's loop. Every member function must
// be called on the daemon's loop thread or before it runs, except stats() and
// invalidate(), which any thread may call. Nothing throws out of this class; a
// misbehaving client costs at most one connection. File responses are always
// current: each request stats the file (see daemon/serve/file_cache.h), so the
// daemon need not call invalidate() for correctness. Behaviour per request:
// daemon/serve/http_responder.h; limits per connection: daemon/serve/http_connection.h;
// which connections are taken: daemon/serve/connection_admission.h.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/serve/http_responder.h"
#include "daemon/serve/http_server_options.h"
#include "feeds/status.h"

namespace herald {

struct HttpServerCore;
struct HttpWorker;

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, HttpServerOptions options, HttpHandlers handlers);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens: "127.0.0.1:8080", "[::1]:8080", ":8080" (every
  // interface, IPv6 and IPv4). Port 0 picks a free port. A failed Status
  // names the address, e.g. "cannot listen on 127.0.0.1:8080: Address
  // already in use".
  Status listen(const std::string& host_port);
  // Serves a listening TCP socket inherited from systemd (socket activation);
  // takes ownership of `native_fd` on success only. A failed Status names
  // the socket ("cannot adopt socket 3: not a listening socket").
  Status adopt(int native_fd);
  // The listener for /metrics alone (HttpServerOptions::metrics_listen),
  // with listen()'s addresses and errors.
  Status listen_metrics(const std::string& host_port);
  std::vector<boost::asio::ip::tcp::endpoint> local_endpoints() const { return endpoints(false); }
  std::vector<boost::asio::ip::tcp::endpoint> metrics_endpoints() const { return endpoints(true); }

  // Closes the listening sockets and every connection (on their io threads,
  // at once); responses in flight are dropped. Idempotent. The destructor
  // also joins the io threads.
  void stop();
  // Frees the cached copy of a file (path relative to root, e.g. "rss.xml").
  void invalidate(const std::string& relative_path);
  HttpStats stats() const;
  // See HttpResponder::set_starting.
  void set_starting(bool starting);

 private:
  struct Listener {
    boost::asio::ip::tcp::acceptor acceptor;
    bool metrics = false;  // the metrics listener
  };

  Status listen_on(const std::string& host_port, bool metrics);
  Status serve(boost::asio::ip::tcp::acceptor acceptor, bool metrics);
  std::vector<boost::asio::ip::tcp::endpoint> endpoints(bool metrics) const;
  void accept_next(const std::shared_ptr<Listener>& listener);
  void accept_later(const std::shared_ptr<Listener>& listener);
  void admit(boost::asio::ip::tcp::socket socket, bool metrics_listener);
  void hand_over(boost::asio::ip::tcp::socket socket, RequestOrigin origin);

  boost::asio::io_context& io_;
  std::shared_ptr<HttpServerCore> core_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::vector<std::unique_ptr<HttpWorker>> workers_;
  std::size_t next_worker_ = 0;
};

}  // namespace herald
