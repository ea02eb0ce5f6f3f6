#include "daemon/serve/http_server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <signal.h>

#include <algorithm>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <charconv>

#include "daemon/base/unique_fd.h"
#include "daemon/serve/http_connection.h"
#include "daemon/serve/http_server_core.h"
#include "daemon/serve/peer_address.h"

namespace herald {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 24\r\nRetry-After: 1\r\nConnection: close\r\n\r\n503 Service Unavailable\n";

struct ParsedAddress {
  std::optional<tcp::endpoint> endpoint;
  std::string error;
};

// "host:port", "[v6]:port" or ":port" (every interface: [::]).
ParsedAddress parse_address(const std::string& host_port) {
  std::size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return {std::nullopt, "expected HOST:PORT"};
  std::string_view host = std::string_view(host_port).substr(0, colon);
  std::string_view port_text = std::string_view(host_port).substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return {std::nullopt, "invalid port"};
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return {std::nullopt, "IPv6 addresses need brackets, e.g. [::1]:8080"};
  }
  if (host.empty()) host = "::";
  boost::system::error_code address_error;
  auto address = asio::ip::make_address(host, address_error);
  if (address_error) return {std::nullopt, "not an IP address"};
  return {tcp::endpoint(address, static_cast<unsigned short>(port)), ""};
}

void reject(tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(asio::buffer(kBusy), ignored);
  socket.close(ignored);
}

// Runs an io thread's loop with every signal blocked (the daemon's loop
// handles them).
void run_worker(HttpWorker& worker) {
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  for (;;) {
    try {
      worker.io.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("http: io thread: {}", e.what());
    }
  }
}

}  // namespace

HttpStats HttpCounters::snapshot() const {
  HttpStats stats;
  for (std::size_t i = 0; i < stats.responses_by_class.size(); ++i) {
    stats.responses_by_class[i] = responses_by_class[i];
  }
  stats.bytes_sent = bytes_sent;
  stats.connections_accepted = connections_accepted;
  stats.connections_rejected = connections_rejected;
  stats.connections_evicted = connections_evicted;
  return stats;
}

HttpServer::HttpServer(asio::io_context& io, HttpServerOptions options, HttpHandlers handlers)
    : io_(io),
      core_(std::make_shared<HttpServerCore>(std::move(options), std::move(handlers),
                                             io.get_executor())) {
  unsigned threads = core_->options.io_threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    auto worker = std::make_unique<HttpWorker>();
    worker->link->io = &worker->io;
    worker->thread = std::thread(run_worker, std::ref(*worker));
    workers_.push_back(std::move(worker));
  }
}

HttpServer::~HttpServer() {
  stop();
  for (const auto& worker : workers_) {
    {
      std::lock_guard lock(worker->link->mutex);
      worker->link->io = nullptr;
    }
    worker->work.reset();
  }
  // Each loop ends once its connections have seen stop()'s close.
  for (const auto& worker : workers_) worker->thread.join();
}

void HttpServer::accept_next(const std::shared_ptr<Listener>& listener) {
  listener->acceptor.async_accept([this, listener, core = core_](boost::system::error_code ec,
                                                                 tcp::socket socket) {
    // Once stopped (or destroyed: stop() ran first), `this` is not touched.
    if (core->stopped || ec == asio::error::operation_aborted) return;
    if (ec) {
      spdlog::error("http: accept failed: {}", ec.message());
      return accept_later(listener);
    }
    admit(std::move(socket), listener->metrics);
    accept_next(listener);
  });
}

void HttpServer::admit(tcp::socket socket, bool metrics_listener) {
  boost::system::error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  switch (core_->admission.admit(peer.address())) {
    case ConnectionAdmission::Verdict::kFull:
    case ConnectionAdmission::Verdict::kAddressFull:
      core_->counters.connections_rejected++;
      core_->counters.count_response(503);
      return reject(socket);
    case ConnectionAdmission::Verdict::kAdmittedEvicting:
      core_->counters.connections_evicted++;
      break;
    case ConnectionAdmission::Verdict::kAdmitted:
      break;
  }
  core_->counters.connections_accepted++;
  hand_over(std::move(socket), {unmapped(peer.address()), metrics_listener});
}

// Out of descriptors or memory: try again shortly instead of spinning.
void HttpServer::accept_later(const std::shared_ptr<Listener>& listener) {
  auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(100));
  timer->async_wait([this, timer, listener, core = core_](boost::system::error_code) {
    if (!core->stopped && listener->acceptor.is_open()) accept_next(listener);
  });
}

// The descriptor moves to the next io thread's loop (a socket belongs to one
// io_context); if that loop is gone first, the descriptor is closed.
void HttpServer::hand_over(tcp::socket socket, RequestOrigin origin) {
  boost::system::error_code ec;
  tcp::endpoint local = socket.local_endpoint(ec);
  auto fd = std::make_shared<UniqueFd>(ec ? -1 : socket.release(ec));
  if (ec) return core_->admission.release(origin.peer);
  HttpWorker& worker = *workers_[next_worker_++ % workers_.size()];
  asio::post(worker.io, [fd, protocol = local.protocol(), origin, core = core_, &worker] {
    tcp::socket adopted(worker.io);
    boost::system::error_code ec;
    if (!core->stopped) adopted.assign(protocol, fd->get(), ec);
    if (core->stopped || ec) return core->admission.release(origin.peer);
    fd->release();
    std::make_shared<HttpConnection>(std::move(adopted), origin, core, worker)->start();
  });
}

Status HttpServer::listen(const std::string& host_port) { return listen_on(host_port, false); }

Status HttpServer::listen_metrics(const std::string& host_port) {
  return listen_on(host_port, true);
}

Status HttpServer::listen_on(const std::string& host_port, bool metrics) {
  auto fail = [&](const std::string& why) {
    return Status::failed("cannot listen on " + host_port + ": " + why);
  };
  ParsedAddress parsed = parse_address(host_port);
  if (!parsed.endpoint) return fail(parsed.error);
  tcp::acceptor acceptor(io_);
  boost::system::error_code ec;
  acceptor.open(parsed.endpoint->protocol(), ec);
  if (!ec && parsed.endpoint->address().is_v6()) {
    // "[::]" also takes IPv4; an explicit "[::1]" stays IPv6 anyway.
    acceptor.set_option(asio::ip::v6_only(false), ec);
  }
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(*parsed.endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec.message());
  return serve(std::move(acceptor), metrics);
}

Status HttpServer::adopt(int native_fd) {
  auto fail = [&](const std::string& why) {
    return Status::failed("cannot adopt socket " + std::to_string(native_fd) + ": " + why);
  };
  int listening = 0;
  socklen_t length = sizeof listening;
  if (::getsockopt(native_fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0) {
    return fail(boost::system::error_code(errno, boost::system::system_category()).message());
  }
  if (!listening) return fail("not a listening socket");
  sockaddr_storage address{};
  socklen_t address_length = sizeof address;
  if (::getsockname(native_fd, reinterpret_cast<sockaddr*>(&address), &address_length) != 0 ||
      (address.ss_family != AF_INET && address.ss_family != AF_INET6)) {
    return fail("not a TCP socket");
  }
  tcp::acceptor acceptor(io_);
  boost::system::error_code ec;
  acceptor.assign(address.ss_family == AF_INET ? tcp::v4() : tcp::v6(), native_fd, ec);
  if (ec) return fail(ec.message());
  return serve(std::move(acceptor), false);
}

Status HttpServer::serve(tcp::acceptor acceptor, bool metrics) {
  boost::system::error_code ec;
  acceptor.non_blocking(true, ec);
  if (ec) return Status::failed("cannot serve: " + ec.message());
  auto listener = std::make_shared<Listener>(Listener{std::move(acceptor), metrics});
  listeners_.push_back(listener);
  core_->stopped = false;
  accept_next(listener);
  return {};
}

std::vector<tcp::endpoint> HttpServer::endpoints(bool metrics) const {
  std::vector<tcp::endpoint> endpoints;
  for (const auto& listener : listeners_) {
    boost::system::error_code ec;
    tcp::endpoint endpoint = listener->acceptor.local_endpoint(ec);
    if (!ec && listener->metrics == metrics) endpoints.push_back(endpoint);
  }
  return endpoints;
}

void HttpServer::stop() {
  core_->stopped = true;
  for (const auto& listener : listeners_) {
    boost::system::error_code ignored;
    listener->acceptor.close(ignored);
  }
  listeners_.clear();
  for (const auto& worker : workers_) {
    asio::post(worker->io, [w = worker.get()] {
      // Closing may destroy connections, which erase themselves from the map.
      std::vector<std::shared_ptr<HttpConnection>> open;
      for (const auto& [ptr, weak] : w->connections) {
        if (auto connection = weak.lock()) open.push_back(connection);
      }
      for (const auto& connection : open) connection->close();
    });
  }
}

void HttpServer::invalidate(const std::string& relative_path) {
  core_->responder.cache().invalidate(relative_path);
}

void HttpServer::set_starting(bool starting) { core_->responder.set_starting(starting); }

HttpStats HttpServer::stats() const {
  HttpStats stats = core_->counters.snapshot();
  stats.connections_open = core_->admission.open();
  return stats;
}

}  // namespace herald
