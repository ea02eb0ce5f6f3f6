// Test helpers for the HTTP server: a running server on 127.0.0.1 port 0
// with its io_context on a thread, and a blocking client on a raw socket
// (requests are written as raw bytes, responses parsed by Beast).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "daemon/serve/http_server.h"
#include "tests/support/test_support.h"

namespace herald::test {

using HttpReply = boost::beast::http::response<boost::beast::http::string_body>;

// Options for tests: short timeouts, root at dir/root.
HttpServerOptions test_http_options(const TempDir& dir);

class RunningServer {
 public:
  // Also listens for /metrics on options.metrics_listen when it is set.
  explicit RunningServer(HttpServerOptions options, HttpHandlers handlers = {});
  ~RunningServer();
  unsigned short port() const { return port_; }
  unsigned short metrics_port() const { return metrics_port_; }
  HttpServer& server() { return *server_; }
  // Runs `fn` on the server's loop and waits for it.
  void on_loop(const std::function<void()>& fn);

 private:
  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  unsigned short metrics_port_ = 0;
};

class HttpClient {
 public:
  // Connects to 127.0.0.1:port; from the loopback address `from` when given
  // (Linux routes all of 127/8 to lo), so a test can play several clients.
  explicit HttpClient(unsigned short port, const std::string& from = "");
  void send(const std::string& raw);
  // Parses the next response; `head` when it answers a HEAD request.
  HttpReply read(bool head = false);
  // GET (or another method) of target with extra header lines ("Name: v\r\n").
  HttpReply request(const std::string& target, const std::string& headers = "",
                    const std::string& method = "GET");
  // True when bytes of an answer arrived within `wait` (none are consumed).
  bool answer_started(std::chrono::milliseconds wait);
  // True when the server closed the connection (EOF or reset) within `wait`.
  bool closed_within(std::chrono::milliseconds wait);

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

std::string request_text(const std::string& target, const std::string& headers = "",
                         const std::string& method = "GET");
std::string gunzip(const std::string& bytes);

}  // namespace herald::test
