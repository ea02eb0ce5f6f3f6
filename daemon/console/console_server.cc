#include "daemon/console/console_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

#include "daemon/base/address_ranges.h"
#include "daemon/base/wall_clock.h"

namespace herald {

namespace http = boost::beast::http;
using boost::asio::ip::tcp;
using boost::system::error_code;

struct ConsoleServerCore {
  ConsoleServerCore(boost::asio::io_context& io, ConsoleApp& app) : io(io), acceptor(io), app(app) {}
  boost::asio::io_context& io;
  tcp::acceptor acceptor;
  ConsoleApp& app;
  std::string proxy_header;
  std::optional<AddressRanges> proxies;
  std::size_t connections = 0;
  bool stopped = false;
};

namespace {

constexpr std::chrono::seconds kExchange{10};
constexpr std::uint32_t kMaxHeader = 16 * 1024;
constexpr std::uint64_t kMaxBody = 64 * 1024;

// One client: one request read, handed to the app, its answer written, closed.
class ConsoleConnection : public std::enable_shared_from_this<ConsoleConnection> {
 public:
  ConsoleConnection(std::shared_ptr<ConsoleServerCore> core, tcp::socket socket)
      : core_(std::move(core)), stream_(std::move(socket)), delay_(core_->io) {
    ++core_->connections;
  }
  ~ConsoleConnection() { --core_->connections; }

  void start() {
    parser_.header_limit(kMaxHeader);
    parser_.body_limit(kMaxBody);
    stream_.expires_after(kExchange);
    http::async_read(stream_, buffer_, parser_, [self = shared_from_this()](error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

 private:
  void on_read(error_code ec) {
    if (ec || core_->stopped) return;
    const auto& message = parser_.get();
    ConsoleRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.cookie = std::string(message[http::field::cookie]);
    request.body = message.body();
    error_code peer_ec;
    auto peer = stream_.socket().remote_endpoint(peer_ec);
    request.address = peer_ec ? "" : unmapped(peer.address()).to_string();
    if (!peer_ec && core_->proxies && core_->proxies->contains(peer.address()) && !core_->proxy_header.empty()) {
      request.proxy_user = std::string(message[core_->proxy_header]);
    }
    request.now_ms = wall_clock_ms();
    // The answer may come later (a resend is planned on the site thread):
    // the connection lives until it does.
    core_->app.handle(request, [self = shared_from_this()](ConsoleResponse response) {
      if (!self->core_->stopped) self->answer(std::move(response));
    });
  }

  void answer(ConsoleResponse response) {
    if (response.delay.count() > 0) {
      delay_.expires_after(response.delay);
      delay_.async_wait([self = shared_from_this(), response = std::move(response)](error_code ec) mutable {
        if (!ec) self->write(std::move(response));
      });
      return;
    }
    write(std::move(response));
  }

  void write(ConsoleResponse response) {
    reply_.result(response.status);
    reply_.version(11);
    reply_.set(http::field::content_type, response.content_type);
    reply_.set(http::field::cache_control, "no-store");
    reply_.set(http::field::connection, "close");
    reply_.set("X-Frame-Options", "DENY");
    reply_.set("X-Content-Type-Options", "nosniff");
    reply_.set("Referrer-Policy", "same-origin");
    reply_.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
                                          "style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    if (!response.location.empty()) reply_.set(http::field::location, response.location);
    for (const std::string& cookie : response.set_cookies) reply_.insert(http::field::set_cookie, cookie);
    reply_.body() = std::move(response.body);
    reply_.prepare_payload();
    http::async_write(stream_, reply_, [self = shared_from_this()](error_code, std::size_t) {
      error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  std::shared_ptr<ConsoleServerCore> core_;
  boost::beast::tcp_stream stream_;
  boost::asio::steady_timer delay_;
  boost::beast::flat_buffer buffer_;
  http::request_parser<http::string_body> parser_;
  http::response<http::string_body> reply_;
};

void accept_next(const std::shared_ptr<ConsoleServerCore>& core) {
  std::weak_ptr<ConsoleServerCore> weak = core;
  core->acceptor.async_accept([weak](error_code ec, tcp::socket socket) {
    std::shared_ptr<ConsoleServerCore> c = weak.lock();
    if (!c || c->stopped || ec == boost::asio::error::operation_aborted) return;
    if (!ec && c->connections < kMaxConsoleConnections) {
      std::make_shared<ConsoleConnection>(c, std::move(socket))->start();
    }
    accept_next(c);
  });
}

// "127.0.0.1:8081", "[::1]:8081", "localhost:8081" as an endpoint.
std::optional<tcp::endpoint> endpoint_of(const std::string& listen) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = listen.substr(0, colon);
  if (host == "localhost") host = "127.0.0.1";
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (ec || port < 0 || port > 65535) return std::nullopt;
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

}  // namespace

Result<std::unique_ptr<ConsoleServer>> ConsoleServer::start(boost::asio::io_context& io, const std::string& listen,
                                                             ConsoleApp& app, const std::string& proxy_user_header,
                                                             const std::vector<std::string>& trusted_proxies) {
  auto core = std::make_shared<ConsoleServerCore>(io, app);
  core->proxy_header = proxy_user_header;
  if (!trusted_proxies.empty()) core->proxies = AddressRanges::parse(trusted_proxies);
  std::optional<tcp::endpoint> endpoint = endpoint_of(listen);
  if (!endpoint) return Status::failed("console: cannot listen on " + listen + ": not an address:port");
  error_code ec;
  core->acceptor.open(endpoint->protocol(), ec);
  if (!ec) core->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) core->acceptor.bind(*endpoint, ec);
  if (!ec) core->acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::failed("console: cannot listen on " + listen + ": " + ec.message());
  accept_next(core);
  return std::unique_ptr<ConsoleServer>(new ConsoleServer(std::move(core)));
}

ConsoleServer::ConsoleServer(std::shared_ptr<ConsoleServerCore> core) : core_(std::move(core)) {}

ConsoleServer::~ConsoleServer() {
  core_->stopped = true;
  error_code ignored;
  core_->acceptor.close(ignored);
}

unsigned short ConsoleServer::port() const {
  error_code ec;
  return core_->acceptor.local_endpoint(ec).port();
}

}  // namespace herald
