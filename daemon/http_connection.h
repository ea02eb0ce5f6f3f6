// One accepted HTTP/1.x connection: reads request headers under the time and
// size limits, answers them in order (keep-alive and pipelining), and closes.
//
// Timeouts: the first request and every request whose first byte has arrived
// must complete its header within header_timeout (a client trickling bytes is
// cut); between keep-alive requests the connection may idle for idle_timeout;
// a write that stalls longer than idle_timeout closes it. More than
// max_requests_per_second requests in one second: 429, then close. Request
// bodies are never read: a request with a body is answered, then the
// connection closes. Error responses (400, 429, 431) close the connection
// after a short lingering read so that the client receives them.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "daemon/http_server_core.h"

namespace herald {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, std::shared_ptr<HttpServerCore> core);
  ~HttpConnection();

  void start();
  // Cancels everything; handlers still queued see the stream closed.
  void close();

 private:
  void wait_for_request(std::chrono::steady_clock::duration timeout);
  void read_header();
  void on_header(boost::beast::error_code ec);
  bool over_rate();
  void send(HttpResponse response, bool keep_alive);
  void linger(std::chrono::steady_clock::time_point deadline);

  boost::beast::tcp_stream stream_;
  std::shared_ptr<HttpServerCore> core_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>> parser_;
  HttpResponse response_;
  std::chrono::steady_clock::time_point window_start_;
  unsigned window_requests_ = 0;
};

}  // namespace herald
