#include "tests/daemon/serve/http_test_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <zlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <future>
#include <stdexcept>

namespace herald::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;

HttpServerOptions test_http_options(const TempDir& dir) {
  HttpServerOptions options;
  options.root = dir / "root";
  options.site_url = "https://example.org/news/";
  options.header_timeout = std::chrono::seconds(1);
  options.idle_timeout = std::chrono::seconds(2);
  return options;
}

RunningServer::RunningServer(HttpServerOptions options, HttpHandlers handlers)
    : server_(std::make_unique<HttpServer>(io_, options, std::move(handlers))) {
  if (Status s = server_->listen("127.0.0.1:0"); !s.ok()) throw std::runtime_error(s.message);
  port_ = server_->local_endpoints().at(0).port();
  if (!options.metrics_listen.empty()) {
    if (Status s = server_->listen_metrics(options.metrics_listen); !s.ok()) {
      throw std::runtime_error(s.message);
    }
    metrics_port_ = server_->metrics_endpoints().at(0).port();
  }
  thread_ = std::thread([this] { io_.run(); });
}

RunningServer::~RunningServer() {
  asio::post(io_, [this] { server_->stop(); });
  thread_.join();
}

void RunningServer::on_loop(const std::function<void()>& fn) {
  std::promise<void> done;
  asio::post(io_, [&] {
    fn();
    done.set_value();
  });
  done.get_future().wait();
}

HttpClient::HttpClient(unsigned short port, const std::string& from) : socket_(io_) {
  if (!from.empty()) {
    socket_.open(tcp::v4());
    socket_.bind(tcp::endpoint(asio::ip::make_address(from), 0));
  }
  socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  timeval timeout{5, 0};  // a broken server fails the test instead of hanging it
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

void HttpClient::send(const std::string& raw) { asio::write(socket_, asio::buffer(raw)); }

HttpReply HttpClient::read(bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u << 20);
  parser.skip(head);
  http::read(socket_, buffer_, parser);
  return parser.release();
}

HttpReply HttpClient::request(const std::string& target, const std::string& headers,
                              const std::string& method) {
  send(request_text(target, headers, method));
  return read(method == "HEAD");
}

bool HttpClient::answer_started(std::chrono::milliseconds wait) {
  if (buffer_.size() > 0) return true;
  pollfd pfd{socket_.native_handle(), POLLIN, 0};
  char byte;
  return ::poll(&pfd, 1, static_cast<int>(wait.count())) > 0 &&
         ::recv(socket_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

bool HttpClient::closed_within(std::chrono::milliseconds wait) {
  if (buffer_.size() > 0) return false;
  pollfd pfd{socket_.native_handle(), POLLIN, 0};
  if (::poll(&pfd, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte;
  return ::recv(socket_.native_handle(), &byte, 1, MSG_DONTWAIT) <= 0;
}

std::string request_text(const std::string& target, const std::string& headers,
                         const std::string& method) {
  return method + " " + target + " HTTP/1.1\r\nHost: example.org\r\n" + headers + "\r\n";
}

std::string gunzip(const std::string& bytes) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out;
  char chunk[16384];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("not a complete gzip stream");
  return out;
}

}  // namespace herald::test
