#include "daemon/http_connection.h"

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace herald {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

constexpr std::chrono::seconds kLinger{2};
constexpr std::size_t kReadChunk = 16 * 1024;

// The status to answer a header that failed to parse; 0 = just close.
unsigned status_for_parse_error(const beast::error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec.category() == beast::error_code(http::error::bad_method).category()) return 400;
  return 0;
}

}  // namespace

HttpConnection::HttpConnection(asio::ip::tcp::socket socket, std::shared_ptr<HttpServerCore> core,
                               HttpWorker& worker)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      core_(std::move(core)),
      worker_(worker) {}

HttpConnection::~HttpConnection() {
  worker_.connections.erase(this);
  core_->counters.connections_open--;
}

void HttpConnection::start() {
  worker_.connections[this] = weak_from_this();
  beast::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  window_start_ = Clock::now();
  set_deadline(window_start_ + core_->options.header_timeout);
  read();
}

void HttpConnection::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
}

void HttpConnection::set_deadline(Clock::time_point deadline) {
  deadline_ = deadline;
  if (timer_waits_ == 0 || deadline < timer_.expiry()) {
    timer_.expires_at(deadline);  // cancels a later wait
    wait_timer();
  }
}

void HttpConnection::wait_timer() {
  ++timer_waits_;
  timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    --self->timer_waits_;
    if (ec == asio::error::operation_aborted || self->closed_) return;
    if (Clock::now() >= self->deadline_) return self->close();
    if (self->timer_waits_ == 0) {
      self->timer_.expires_at(self->deadline_);
      self->wait_timer();
    }
  });
}

void HttpConnection::read() {
  socket_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec || self->closed_ || self->core_->stopped) return self->close();
                            self->buffer_.commit(n);
                            if (self->lingering_) {
                              self->buffer_.clear();
                              return self->read();
                            }
                            self->parse();
                          });
}

// Most requests arrive whole in one read: parse what is buffered and read
// only while the header is incomplete (need_more consumes nothing).
void HttpConnection::parse() {
  if (!parser_) {
    // The first bytes of a request start its header deadline.
    set_deadline(Clock::now() + core_->options.header_timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(core_->options.max_header_bytes));
  }
  beast::error_code ec;
  buffer_.consume(parser_->put(buffer_.data(), ec));
  if (ec == http::error::need_more) return read();
  if (ec) return on_parse_error(ec);
  if (!parser_->is_header_done()) return read();
  on_request();
}

void HttpConnection::on_parse_error(beast::error_code ec) {
  unsigned status = status_for_parse_error(ec);
  if (status == 0) return close();
  write(core_->responder.error(status, 11, false, worker_.heads), false);
}

bool HttpConnection::over_rate(Clock::time_point now) {
  if (now - window_start_ >= std::chrono::seconds(1)) {
    window_start_ = now;
    window_requests_ = 0;
  }
  return ++window_requests_ > core_->options.max_requests_per_second;
}

void HttpConnection::on_request() {
  if (core_->stopped) return close();
  const HttpRequest& request = parser_->get();
  bool head = request.method() == http::verb::head;
  if (over_rate(Clock::now())) {
    return write(core_->responder.error(429, request.version(), false, worker_.heads, head),
                 false);
  }
  // Bodies are not read: answer, then close instead of parsing past them.
  bool keep_alive = request.keep_alive() && parser_->is_done();
  HttpAnswer answer = core_->responder.respond(request, keep_alive, worker_.heads);
  if (answer.handler) return run_handler(answer.handler, keep_alive);
  write(std::move(answer), keep_alive);
}

// The handler runs on the daemon's loop; the answer comes back here while
// this thread's context lives. The timer keeps this connection alive
// meanwhile (or closes it at the idle deadline).
void HttpConnection::run_handler(const std::function<HttpResponseText()>* handler,
                                 bool keep_alive) {
  set_deadline(Clock::now() + core_->options.idle_timeout);
  asio::post(core_->loop, [weak = weak_from_this(), core = core_, link = worker_.link, handler,
                           keep_alive] {
    HttpResponseText text = (*handler)();
    std::lock_guard lock(link->mutex);
    if (!link->io) return;
    asio::post(*link->io, [weak, text = std::move(text), keep_alive] {
      auto self = weak.lock();
      if (!self || self->closed_ || self->core_->stopped) return;
      self->write(self->core_->responder.text(text, self->parser_->get(), keep_alive,
                                              self->worker_.heads),
                  keep_alive);
    });
  });
}

void HttpConnection::write(HttpAnswer answer, bool keep_alive) {
  core_->counters.count_response(answer.status);
  answer_ = std::move(answer);
  std::array<asio::const_buffer, 2> buffers{
      asio::buffer(*answer_.head),
      answer_.body ? asio::buffer(*answer_.body) : asio::const_buffer()};
  set_deadline(Clock::now() + core_->options.idle_timeout);
  asio::async_write(socket_, buffers,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t n) {
                      self->core_->counters.bytes_sent.fetch_add(n, std::memory_order_relaxed);
                      self->answer_ = {};
                      if (ec || self->closed_ || self->core_->stopped) return self->close();
                      if (!keep_alive) return self->linger();
                      self->parser_.reset();
                      self->set_deadline(Clock::now() + self->core_->options.idle_timeout);
                      if (self->buffer_.size() > 0) return self->parse();  // pipelined
                      self->read();
                    });
}

// Half-closes and discards what the client still sends for a moment, so that
// closing with unread data does not reset the connection before the client
// has read the last response.
void HttpConnection::linger() {
  beast::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  lingering_ = true;
  set_deadline(Clock::now() + kLinger);
  read();
}

}  // namespace herald
