#include "daemon/serve/http_connection.h"

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>

#include "daemon/serve/http_request_framing.h"

namespace herald {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

constexpr std::chrono::seconds kLinger{2};
constexpr std::chrono::seconds kPressureIdle{2};
constexpr std::size_t kReadChunk = 16 * 1024;

// The status to answer a header that failed to parse; 0 = just close.
unsigned status_for_parse_error(const beast::error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec.category() == beast::error_code(http::error::bad_method).category()) return 400;
  return 0;
}

}  // namespace

HttpConnection::HttpConnection(asio::ip::tcp::socket socket, RequestOrigin origin,
                               std::shared_ptr<HttpServerCore> core, HttpWorker& worker)
    : socket_(std::move(socket)),
      origin_(std::move(origin)),
      timer_(socket_.get_executor()),
      core_(std::move(core)),
      worker_(worker) {}

HttpConnection::~HttpConnection() {
  worker_.connections.erase(this);
  core_->admission.busy(idle_ticket_);
  core_->admission.release(origin_.peer);
}

void HttpConnection::start() {
  worker_.connections[this] = weak_from_this();
  beast::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  socket_.native_non_blocking(true, ignored);  // send_file writes to it directly
  opened_ = window_start_ = Clock::now();
  set_deadline(window_start_ + core_->options.header_timeout);
  wait_for_request();
}

// Waiting for the first byte of a request: evictable to make room.
void HttpConnection::wait_for_request() {
  auto executor = socket_.get_executor();
  idle_ticket_ = core_->admission.idle([weak = weak_from_this(), executor] {
    asio::post(executor, [weak] {
      if (auto self = weak.lock()) self->close();
    });
  });
  read();
}

void HttpConnection::close() {
  if (closed_) return;
  closed_ = true;
  core_->admission.busy(std::exchange(idle_ticket_, 0));
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
    core_->admission.busy(std::exchange(idle_ticket_, 0));
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

bool HttpConnection::last_request(Clock::time_point now) {
  return ++requests_ >= core_->options.max_requests_per_connection ||
         now - opened_ >= core_->options.max_connection_lifetime;
}

void HttpConnection::on_request() {
  if (core_->stopped) return close();
  const IncomingRequest& request = parser_->get();
  bool head = request.method() == http::verb::head;
  auto length = parser_->content_length();  // boost::optional
  unsigned refusal =
      request_framing_status(request, length ? std::optional<std::uint64_t>(*length) : std::nullopt);
  Clock::time_point now = Clock::now();
  if (refusal == 0 && over_rate(now)) refusal = 429;
  if (refusal != 0) {
    return write(core_->responder.error(refusal, request.version(), false, worker_.heads, head),
                 false);
  }
  // Bodies are not read: answer, then close instead of parsing past them.
  bool keep_alive = request.keep_alive() && parser_->is_done() && !last_request(now);
  HttpAnswer answer = core_->responder.respond(request, origin_, keep_alive, worker_.heads);
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
  set_deadline(Clock::now() + core_->options.idle_timeout);
  if (answer_.file) {
    head_sent_ = 0;
    file_offset_ = 0;
    return send_file(keep_alive);
  }
  std::array<asio::const_buffer, 2> buffers{
      asio::buffer(*answer_.head),
      answer_.body ? asio::buffer(*answer_.body) : asio::const_buffer()};
  asio::async_write(socket_, buffers,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t n) {
                      self->on_written(ec, n, keep_alive);
                    });
}

// The socket is non-blocking: each call sends what fits in the socket's
// buffer and waits for room on EAGAIN. MSG_MORE holds the head back so that
// it leaves in one segment with the start of the body.
void HttpConnection::send_file(bool keep_alive) {
  const std::string& head = *answer_.head;
  const off_t size = static_cast<off_t>(answer_.file->bytes->size());
  const int out = socket_.native_handle();
  for (;;) {
    ssize_t n = 0;
    if (head_sent_ < head.size()) {
      n = ::send(out, head.data() + head_sent_, head.size() - head_sent_, MSG_MORE | MSG_NOSIGNAL);
      if (n > 0) head_sent_ += static_cast<std::size_t>(n);
    } else if (file_offset_ < size) {
      n = ::sendfile(out, answer_.file->source->get(), &file_offset_,
                     static_cast<std::size_t>(size - file_offset_));
      // The file shrank in place after it was loaded: the promised length
      // cannot be sent; closing tells the client the body is short.
      if (n == 0) return on_written(asio::error::eof, head_sent_ + file_offset_, keep_alive);
    } else {
      return on_written({}, head_sent_ + file_offset_, keep_alive);
    }
    if (n >= 0) continue;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return on_written(beast::error_code(errno, boost::system::system_category()),
                        head_sent_ + file_offset_, keep_alive);
    }
    socket_.async_wait(asio::ip::tcp::socket::wait_write,
                       [self = shared_from_this(), keep_alive](beast::error_code ec) {
                         if (ec || self->closed_ || self->core_->stopped) {
                           return self->on_written(ec ? ec : asio::error::operation_aborted,
                                                   self->head_sent_ + self->file_offset_,
                                                   keep_alive);
                         }
                         self->send_file(keep_alive);
                       });
    return;
  }
}

void HttpConnection::on_written(beast::error_code ec, std::size_t bytes, bool keep_alive) {
  core_->counters.bytes_sent.fetch_add(bytes, std::memory_order_relaxed);
  answer_ = {};
  if (ec || closed_ || core_->stopped) return close();
  if (!keep_alive) return linger();
  parser_.reset();
  set_deadline(idle_deadline());
  if (buffer_.size() > 0) return parse();  // pipelined
  wait_for_request();
}

// idle_timeout from now, shorter under pressure, and never past the lifetime.
HttpConnection::Clock::time_point HttpConnection::idle_deadline() const {
  std::chrono::seconds wait = core_->options.idle_timeout;
  if (core_->admission.under_pressure()) wait = std::min(wait, kPressureIdle);
  return std::min(Clock::now() + wait, opened_ + core_->options.max_connection_lifetime);
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
