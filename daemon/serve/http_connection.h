// One accepted HTTP/1.x connection, served on one io thread: reads request
// headers under the time and size limits (Beast parses them), answers them in
// order (keep-alive and pipelining) with one gather write of head and body
// (or, for a file with a descriptor, the head sent with MSG_MORE and the body
// with sendfile(2) from the page cache), and closes.
//
// Timeouts: the first request and every request whose first byte has arrived
// must complete its header within header_timeout (a client trickling bytes is
// cut); between keep-alive requests the connection may idle for idle_timeout;
// a write that stalls longer than idle_timeout closes it. One timer per
// connection enforces them: moving the deadline later is a plain store, the
// timer re-arms only when it fires early. More than max_requests_per_second
// requests in one second: 429, then close. The max_requests_per_connection-th
// answer, and the first one after max_connection_lifetime, says
// "Connection: close" and closes; an idle connection past its lifetime is
// closed. While the server is under pressure (ConnectionAdmission), a
// connection going idle waits min(idle_timeout, kPressureIdle) for its next
// request; and while idle it may be evicted to make room for a new client.
// Request bodies are never read: a request announcing one (Transfer-Encoding,
// Content-Length) is refused by daemon/serve/http_request_framing.h or, for
// another method, answered 405; either way the connection then closes, so
// no byte after a header is taken for a request. Error responses (400, 429,
// 431, 501) close the connection after a short lingering read so that the
// client receives them. /healthz and /metrics run their handler on the
// daemon's loop; the answer comes back to this thread.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "daemon/serve/http_server_core.h"

namespace herald {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  // Admitted already (ConnectionAdmission); released on destruction.
  // Registers in `worker` on start().
  HttpConnection(boost::asio::ip::tcp::socket socket, RequestOrigin origin,
                 std::shared_ptr<HttpServerCore> core, HttpWorker& worker);
  ~HttpConnection();

  void start();
  // Cancels everything; handlers still queued see the socket closed.
  void close();

 private:
  using Clock = std::chrono::steady_clock;

  void read();
  void wait_for_request();
  void parse();
  void on_parse_error(boost::beast::error_code ec);
  void on_request();
  void run_handler(const std::function<HttpResponseText()>* handler, bool keep_alive);
  bool over_rate(Clock::time_point now);
  bool last_request(Clock::time_point now);
  void write(HttpAnswer answer, bool keep_alive);
  void send_file(bool keep_alive);
  void on_written(boost::beast::error_code ec, std::size_t bytes, bool keep_alive);
  void linger();
  Clock::time_point idle_deadline() const;
  void set_deadline(Clock::time_point deadline);
  void wait_timer();

  boost::asio::ip::tcp::socket socket_;
  RequestOrigin origin_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<HttpServerCore> core_;
  HttpWorker& worker_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>> parser_;
  HttpAnswer answer_;  // in flight
  std::size_t head_sent_ = 0;  // of answer_.head, when sending a file
  off_t file_offset_ = 0;      // of answer_.file, when sending a file
  Clock::time_point deadline_;
  unsigned timer_waits_ = 0;
  bool closed_ = false;
  bool lingering_ = false;
  Clock::time_point window_start_;
  unsigned window_requests_ = 0;
  Clock::time_point opened_;
  unsigned requests_ = 0;
  std::uint64_t idle_ticket_ = 0;  // while idle: ConnectionAdmission's ticket
};

}  // namespace herald
