// The HTTP server's io threads: concurrent clients on several threads while
// the served file is replaced and invalidated on the daemon's loop, handlers
// answered from the daemon's loop, and response heads reused within a second
// but never across variants or seconds.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "daemon/serve/http_negotiation.h"
#include "daemon/serve/http_server.h"
#include "tests/daemon/serve/http_test_client.h"

namespace herald {

using test::HttpClient;
using test::HttpReply;
using test::RunningServer;
using test::TempDir;
namespace http = boost::beast::http;

namespace {

std::string version_text(int version) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + std::string(3000, 'a' + version) +
         "</channel></rss>\n";
}

std::string header(const HttpReply& reply, http::field field) {
  return std::string(reply[field]);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_server_threads)

BOOST_AUTO_TEST_CASE(concurrent_clients_while_the_file_is_replaced) {
  TempDir dir;
  test::write_file(dir / "root/rss.xml", version_text(0));
  HttpServerOptions options = test::test_http_options(dir);
  options.io_threads = 3;
  options.max_requests_per_second = 100000;
  RunningServer server(options);
  constexpr int kClients = 6, kRequests = 150, kVersions = 8;
  std::mutex mutex;
  std::map<std::string, std::string> body_of_etag;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      try {
        HttpClient client(server.port());
        std::string etag;
        for (int i = 0; i < kRequests; ++i) {
          bool conditional = !etag.empty() && i % 3 == 0;
          std::string extra = (c % 2 ? "Accept-Encoding: gzip\r\n" : "");
          if (conditional) extra += "If-None-Match: " + etag + "\r\n";
          HttpReply reply = client.request("/rss.xml", extra);
          std::string body = reply.body();
          if (reply.result_int() == 304) continue;
          if (reply.result_int() != 200) throw std::runtime_error("status " + std::to_string(reply.result_int()));
          if (c % 2) body = test::gunzip(body);
          if (header(reply, http::field::content_length) != std::to_string(reply.body().size())) {
            throw std::runtime_error("Content-Length does not match the body");
          }
          etag = header(reply, http::field::etag);
          std::lock_guard lock(mutex);
          auto [it, added] = body_of_etag.emplace(etag, body);
          if (it->second != body) throw std::runtime_error("one ETag, two bodies: " + etag);
        }
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        failures.push_back(e.what());
      }
    });
  }
  for (int v = 1; v < kVersions; ++v) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    test::write_file(dir / "root/.rss.xml.tmp", version_text(v));
    std::filesystem::rename(dir / "root/.rss.xml.tmp", dir / "root/rss.xml");
    server.on_loop([&] { server.server().invalidate("rss.xml"); });
  }
  for (auto& client : clients) client.join();
  BOOST_TEST(failures.empty(), (failures.empty() ? "" : failures.front()));
  for (const auto& [etag, body] : body_of_etag) {
    BOOST_TEST_CONTEXT(etag) {
      bool known = false;
      for (int v = 0; v < kVersions; ++v) known = known || body == version_text(v);
      BOOST_TEST(known);
    }
  }
  // After the last swap every client sees the last version.
  BOOST_TEST(HttpClient(server.port()).request("/rss.xml").body() == version_text(kVersions - 1));
  HttpStats stats = server.server().stats();
  BOOST_TEST(stats.connections_accepted == static_cast<std::uint64_t>(kClients + 1));
  BOOST_TEST(stats.responses_by_class[1] + stats.responses_by_class[2] ==
             static_cast<std::uint64_t>(kClients * kRequests + 1));
}

BOOST_AUTO_TEST_CASE(handlers_run_on_the_daemon_loop) {
  TempDir dir;
  HttpServerOptions options = test::test_http_options(dir);
  options.io_threads = 2;
  std::thread::id handler_thread;
  HttpHandlers handlers;
  handlers.healthz = [&] {
    handler_thread = std::this_thread::get_id();
    return HttpResponseText{200, "application/json", "{\"status\":\"ok\"}\n"};
  };
  RunningServer server(options, handlers);
  std::thread::id loop_thread;
  server.on_loop([&] { loop_thread = std::this_thread::get_id(); });
  // Several connections land on both io threads; pipelined requests wait
  // for the handler's answer in order.
  for (int i = 0; i < 4; ++i) {
    HttpClient client(server.port());
    client.send(test::request_text("/healthz") + test::request_text("/missing") +
                test::request_text("/healthz", "", "HEAD"));
    HttpReply health = client.read();
    BOOST_TEST(health.result_int() == 200u);
    BOOST_TEST(health.body() == "{\"status\":\"ok\"}\n");
    BOOST_TEST(header(health, http::field::cache_control) == "no-store");
    BOOST_TEST(client.read().result_int() == 404u);
    HttpReply head = client.read(true);
    BOOST_TEST(head.result_int() == 200u);
    BOOST_TEST(header(head, http::field::content_length) == "16");
  }
  BOOST_TEST((handler_thread == loop_thread));
}

BOOST_AUTO_TEST_CASE(heads_follow_the_variant_and_the_second) {
  TempDir dir;
  test::write_file(dir / "root/rss.xml", version_text(0));
  RunningServer server(test::test_http_options(dir));
  HttpClient client(server.port());
  HttpReply first = client.request("/rss.xml");
  std::string etag = header(first, http::field::etag);
  // The same file in the same second: each variant gets its own head.
  HttpReply not_modified = client.request("/rss.xml", "If-None-Match: " + etag + "\r\n");
  BOOST_TEST(not_modified.result_int() == 304u);
  BOOST_TEST(header(not_modified, http::field::content_type) == "");
  HttpReply gzip = client.request("/rss.xml", "Accept-Encoding: gzip\r\n");
  BOOST_TEST(header(gzip, http::field::content_encoding) == "gzip");
  BOOST_TEST(header(gzip, http::field::content_length) == std::to_string(gzip.body().size()));
  BOOST_TEST(client.request("/rss.xml").body() == version_text(0));
  // HTTP/1.0 with keep-alive is told so; HTTP/1.1 is not.
  HttpClient old(server.port());
  old.send("GET /rss.xml HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  HttpReply kept = old.read();
  BOOST_TEST(kept.version() == 10u);
  BOOST_TEST(header(kept, http::field::connection) == "keep-alive");
  BOOST_TEST(kept.body() == version_text(0));
  old.send("HEAD /rss.xml HTTP/1.0\r\n\r\n");
  HttpReply closing = old.read(true);
  BOOST_TEST(!closing.keep_alive());  // HTTP/1.0 closes by default: no Connection field
  BOOST_TEST(header(closing, http::field::connection) == "");
  BOOST_TEST(header(closing, http::field::content_length) == std::to_string(version_text(0).size()));
  BOOST_TEST(old.closed_within(std::chrono::milliseconds(3000)));
  BOOST_TEST(header(first, http::field::connection) == "");
  // A new second: a new Date.
  std::string date = header(client.request("/rss.xml"), http::field::date);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  std::string later = header(client.request("/rss.xml"), http::field::date);
  BOOST_TEST(later != date);
  BOOST_TEST(*parse_http_date(later) > *parse_http_date(date));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
