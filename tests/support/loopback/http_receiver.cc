#include "tests/support/loopback/http_receiver.h"

#include <algorithm>
#include <boost/algorithm/string/case_conv.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace herald::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

std::string ReceivedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

Reply Reply::ok(std::string json_body) {
  Reply reply;
  if (!json_body.empty()) reply.headers.emplace_back("Content-Type", "application/json");
  reply.body = std::move(json_body);
  return reply;
}

Reply Reply::with_status(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

Reply Reply::retry_after(std::string value, int status) {
  Reply reply = with_status(status);
  reply.headers.emplace_back("Retry-After", std::move(value));
  return reply;
}

Reply Reply::hang() {
  Reply reply;
  reply.action = Action::hang;
  return reply;
}

Reply Reply::reset() {
  Reply reply;
  reply.action = Action::reset;
  return reply;
}

Reply Reply::after(std::chrono::milliseconds wait) const {
  Reply reply = *this;
  reply.delay = wait;
  return reply;
}

namespace {

// What the receiver saw, and the behaviour that answers it.
struct RequestLog {
  mutable std::mutex mutex;
  mutable std::condition_variable arrived;
  std::vector<ReceivedRequest> requests;                 // guarded by mutex
  std::shared_ptr<const HttpReceiver::Behavior> behavior;  // guarded by mutex

  // Records the request and asks the behaviour for its reply.
  Reply record(ReceivedRequest request) {
    std::shared_ptr<const HttpReceiver::Behavior> current;
    int index = 0;
    {
      std::lock_guard lock(mutex);
      current = behavior;
      index = static_cast<int>(requests.size());
    }
    Reply reply = current && *current ? (*current)(request, index) : Reply::ok();
    {
      std::lock_guard lock(mutex);
      requests.push_back(std::move(request));
    }
    arrived.notify_all();
    return reply;
  }
};

// One accepted connection: read a request, record it, act, repeat while
// the connection is kept alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::uint64_t id, RequestLog& log)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), id_(id), log_(log) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(64 << 20);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                       if (!ec) self->on_request();
                     });
  }

 private:
  void on_request() {
    const auto& message = parser_->get();
    ReceivedRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.emplace_back(boost::algorithm::to_lower_copy(std::string(field.name_string())),
                                   std::string(field.value()));
    }
    request.body = message.body();
    request.arrival = std::chrono::steady_clock::now();
    boost::system::error_code ignored;
    request.port = socket_.local_endpoint(ignored).port();
    request.connection = id_;
    keep_alive_ = message.keep_alive();
    Reply reply = log_.record(std::move(request));
    if (reply.delay.count() <= 0) return act(std::move(reply));
    timer_.expires_after(reply.delay);
    timer_.async_wait([self = shared_from_this(), reply](boost::system::error_code ec) mutable {
      if (!ec) self->act(std::move(reply));
    });
  }

  void act(Reply reply) {
    switch (reply.action) {
      case Reply::Action::hang:
        return drain();
      case Reply::Action::reset: {
        boost::system::error_code ignored;
        socket_.set_option(asio::socket_base::linger(true, 0), ignored);
        socket_.close(ignored);
        return;
      }
      case Reply::Action::answer:
        return answer(std::move(reply));
    }
  }

  void answer(Reply reply) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(reply.status));
    for (auto& [name, value] : reply.headers) response_.insert(name, value);
    response_.body() = std::move(reply.body);
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    http::async_write(socket_, response_,
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        if (ec) return;
                        if (self->keep_alive_) return self->read();
                        boost::system::error_code ignored;
                        self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
                      });
  }

  // A hung request: keep the connection open, never answer, and let the
  // session go when the client closes.
  void drain() {
    socket_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                              if (!ec) self->drain();
                            });
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::uint64_t id_;
  RequestLog& log_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  bool keep_alive_ = true;
  char scratch_[512];
};

}  // namespace

struct HttpReceiver::Impl {
  asio::io_context io{1};
  std::vector<tcp::acceptor> acceptors;
  std::vector<unsigned short> ports;
  std::thread thread;
  std::uint64_t connections = 0;  // receiver thread only
  RequestLog log;

  void accept(tcp::acceptor& acceptor) {
    acceptor.async_accept([this, &acceptor](boost::system::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), ++connections, log)->read();
      accept(acceptor);
    });
  }
};

HttpReceiver::HttpReceiver(int ports) : impl_(std::make_unique<Impl>()) {
  impl_->acceptors.reserve(ports);  // accept() keeps references
  for (int i = 0; i < ports; ++i) {
    tcp::acceptor& acceptor = impl_->acceptors.emplace_back(impl_->io);
    tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    impl_->ports.push_back(acceptor.local_endpoint().port());
    impl_->accept(acceptor);
  }
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

HttpReceiver::~HttpReceiver() {
  impl_->io.stop();
  impl_->thread.join();
}

unsigned short HttpReceiver::port(int index) const { return impl_->ports.at(index); }

const std::vector<unsigned short>& HttpReceiver::ports() const { return impl_->ports; }

std::string HttpReceiver::url(const std::string& target, int index) const {
  return "http://127.0.0.1:" + std::to_string(port(index)) + target;
}

void HttpReceiver::set_behavior(Behavior behavior) {
  auto shared = std::make_shared<const Behavior>(std::move(behavior));
  std::lock_guard lock(impl_->log.mutex);
  impl_->log.behavior = std::move(shared);
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  std::lock_guard lock(impl_->log.mutex);
  return impl_->log.requests;
}

std::size_t HttpReceiver::count() const {
  std::lock_guard lock(impl_->log.mutex);
  return impl_->log.requests.size();
}

bool HttpReceiver::wait_for_count(std::size_t n, std::chrono::milliseconds timeout) const {
  RequestLog& log = impl_->log;
  std::unique_lock lock(log.mutex);
  return log.arrived.wait_for(lock, timeout, [&] { return log.requests.size() >= n; });
}

}  // namespace herald::test
