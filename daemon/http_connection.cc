#include "daemon/http_connection.h"

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace herald {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;

constexpr std::chrono::seconds kLinger{2};
constexpr std::size_t kReadChunk = 16 * 1024;

// The status to answer a header that failed to parse; 0 = just close.
unsigned status_for_read_error(const beast::error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec.category() == beast::error_code(http::error::bad_method).category()) return 400;
  return 0;  // timeouts, resets, cancellation
}

}  // namespace

HttpConnection::HttpConnection(boost::asio::ip::tcp::socket socket,
                               std::shared_ptr<HttpServerCore> core)
    : stream_(std::move(socket)), core_(std::move(core)) {
  core_->counters.connections_open++;
}

HttpConnection::~HttpConnection() {
  core_->connections.erase(this);
  core_->counters.connections_open--;
}

void HttpConnection::start() {
  core_->connections[this] = weak_from_this();
  beast::error_code ignored;
  stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  window_start_ = std::chrono::steady_clock::now();
  wait_for_request(core_->options.header_timeout);
}

void HttpConnection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

void HttpConnection::wait_for_request(std::chrono::steady_clock::duration timeout) {
  if (buffer_.size() > 0) return read_header();  // pipelined
  stream_.expires_after(timeout);
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec || self->core_->stopped) return self->close();
                            self->buffer_.commit(n);
                            self->read_header();
                          });
}

void HttpConnection::read_header() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_->options.max_header_bytes));
  // Most requests arrive whole in one read: parse what is buffered first and
  // read only when the header is incomplete (need_more consumes nothing).
  beast::error_code ec;
  if (buffer_.size() > 0) buffer_.consume(parser_->put(buffer_.data(), ec));
  if (ec ? ec != http::error::need_more : parser_->is_header_done()) return on_header(ec);
  stream_.expires_after(core_->options.header_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            self->on_header(ec);
                          });
}

bool HttpConnection::over_rate() {
  auto now = std::chrono::steady_clock::now();
  if (now - window_start_ >= std::chrono::seconds(1)) {
    window_start_ = now;
    window_requests_ = 0;
  }
  return ++window_requests_ > core_->options.max_requests_per_second;
}

void HttpConnection::on_header(beast::error_code ec) {
  if (core_->stopped) return close();
  HttpResponder& responder = core_->responder;
  if (ec) {
    unsigned status = status_for_read_error(ec);
    if (status == 0) return close();
    return send(responder.error(status, 11), false);
  }
  const HttpRequest& request = parser_->get();
  bool head = request.method() == http::verb::head;
  if (over_rate()) return send(responder.error(429, request.version(), head), false);
  // Bodies are not read: answer, then close instead of parsing past them.
  bool keep_alive = request.keep_alive() && parser_->is_done();
  send(responder.respond(request), keep_alive);
}

void HttpConnection::send(HttpResponse response, bool keep_alive) {
  core_->counters.count_response(response.result_int());
  response_ = std::move(response);
  response_.keep_alive(keep_alive);
  stream_.expires_after(core_->options.idle_timeout);
  http::async_write(stream_, response_,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t n) {
                      self->core_->counters.bytes_sent += n;
                      self->response_ = {};
                      if (ec || self->core_->stopped) return self->close();
                      if (!keep_alive) return self->linger(std::chrono::steady_clock::now() + kLinger);
                      self->wait_for_request(self->core_->options.idle_timeout);
                    });
}

// Half-closes and discards what the client still sends for a moment, so that
// closing with unread data does not reset the connection before the client
// has read the last response.
void HttpConnection::linger(std::chrono::steady_clock::time_point deadline) {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  stream_.expires_at(deadline);
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this(), deadline](beast::error_code ec, std::size_t) {
                            if (ec || self->core_->stopped) return self->close();
                            self->linger(deadline);
                          });
}

}  // namespace herald
