// The server against clients that hold, trickle or smuggle: the real server
// on loopback, other clients played from other 127/8 addresses.
#include <boost/test/unit_test.hpp>
#include <memory>
#include <vector>

#include "daemon/serve/http_server.h"
#include "tests/daemon/serve/http_test_client.h"

namespace herald {

using test::HttpClient;
using test::HttpReply;
using test::RunningServer;
using test::TempDir;
namespace http = boost::beast::http;
using std::chrono::milliseconds;

namespace {

const std::string kFeed = "<rss version=\"2.0\"><channel/></rss>\n";

struct Site {
  TempDir dir;
  Site() { test::write_file(dir / "root/rss.xml", kFeed); }
  HttpServerOptions options(std::size_t max_connections, std::size_t per_address) const {
    HttpServerOptions options = test::test_http_options(dir);
    options.max_connections = max_connections;
    options.max_connections_per_address = per_address;
    options.idle_timeout = std::chrono::seconds(60);  // only pressure or eviction closes
    return options;
  }
};

using Clients = std::vector<std::unique_ptr<HttpClient>>;

// `count` clients from `from`, each served once and left open (keep-alive).
Clients idle_clients(unsigned short port, const std::string& from, int count) {
  Clients clients;
  for (int i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<HttpClient>(port, from));
    BOOST_TEST(clients.back()->request("/rss.xml").result_int() == 200u);
  }
  return clients;
}

std::string header(const HttpReply& reply, http::field field) { return std::string(reply[field]); }

}  // namespace

BOOST_AUTO_TEST_SUITE(http_hostile_clients)

BOOST_AUTO_TEST_CASE(one_address_cannot_take_every_connection) {
  Site site;
  RunningServer server(site.options(8, 4));
  Clients hog = idle_clients(server.port(), "127.0.0.1", 4);
  for (int i = 0; i < 3; ++i) {
    HttpClient more(server.port(), "127.0.0.1");
    HttpReply busy = more.read();
    BOOST_TEST(busy.result_int() == 503u);
    BOOST_TEST(busy.body() == "503 Service Unavailable\n");
  }
  HttpClient other(server.port(), "127.0.0.2");
  BOOST_TEST(other.request("/rss.xml").body() == kFeed);
  BOOST_TEST(server.server().stats().connections_rejected == 3u);
  for (const auto& client : hog) BOOST_TEST(client->request("/rss.xml").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(a_full_server_closes_the_oldest_idle_connection_for_a_new_client) {
  Site site;
  RunningServer server(site.options(8, 0));  // no cap per address
  Clients hog = idle_clients(server.port(), "127.0.0.1", 8);
  HttpClient other(server.port(), "127.0.0.2");
  BOOST_TEST(other.request("/rss.xml").body() == kFeed);
  HttpStats stats = server.server().stats();
  BOOST_TEST(stats.connections_evicted == 1u);
  BOOST_TEST(stats.connections_rejected == 0u);
  // The one idle longest as the server saw it: one of the first (two io
  // threads may note the ends of consecutive answers in either order; the
  // last two, answered under pressure, may also time out meanwhile).
  auto closed_among_first = [&] {
    int closed = 0;
    for (int i = 0; i < 6; ++i) closed += hog[i]->closed_within(milliseconds(0)) ? 1 : 0;
    return closed;
  };
  for (int i = 0; i < 50 && closed_among_first() == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
  }
  BOOST_TEST(closed_among_first() == 1);
  BOOST_TEST(other.request("/rss.xml").body() == kFeed);
}

BOOST_AUTO_TEST_CASE(trickling_clients_are_capped_per_address_and_cut) {
  Site site;
  RunningServer server(site.options(8, 4));  // header_timeout 1 s
  Clients slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<HttpClient>(server.port(), "127.0.0.1"));
    slow.back()->send("GET /rss");  // a header begun, never finished
  }
  BOOST_TEST(HttpClient(server.port(), "127.0.0.1").read().result_int() == 503u);
  HttpClient other(server.port(), "127.0.0.2");
  BOOST_TEST(other.request("/rss.xml").body() == kFeed);
  for (const auto& client : slow) {
    client->send(".x");  // still trickling
    BOOST_TEST(client->closed_within(milliseconds(5000)));
  }
  // Their places are free again.
  BOOST_TEST(HttpClient(server.port(), "127.0.0.1").request("/rss.xml").body() == kFeed);
  BOOST_TEST(other.request("/rss.xml").body() == kFeed);
}

BOOST_AUTO_TEST_CASE(idle_connections_wait_less_under_pressure) {
  Site site;
  RunningServer server(site.options(8, 0));
  Clients calm = idle_clients(server.port(), "127.0.0.1", 1);  // served at ease: 60 s
  Clients crowd = idle_clients(server.port(), "127.0.0.2", 6);  // 7 of 8 open: pressure
  BOOST_TEST(crowd.back()->closed_within(milliseconds(6000)));
  BOOST_TEST(!calm[0]->closed_within(milliseconds(0)));
  BOOST_TEST(calm[0]->request("/rss.xml").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(the_last_request_of_a_connection_says_close) {
  Site site;
  HttpServerOptions options = site.options(8, 4);
  options.max_requests_per_connection = 3;
  RunningServer server(options);
  HttpClient client(server.port());
  client.send(test::request_text("/rss.xml") + test::request_text("/rss.xml") +
              test::request_text("/rss.xml") + test::request_text("/rss.xml"));
  BOOST_TEST(client.read().keep_alive());
  BOOST_TEST(client.read().keep_alive());
  HttpReply last = client.read();
  BOOST_TEST(last.body() == kFeed);
  BOOST_TEST(header(last, http::field::connection) == "close");
  BOOST_TEST(client.closed_within(milliseconds(3000)));  // and no fourth answer
  BOOST_TEST(HttpClient(server.port()).request("/rss.xml").keep_alive());
}

BOOST_AUTO_TEST_CASE(a_connection_ends_at_its_lifetime) {
  Site site;
  HttpServerOptions options = site.options(8, 4);
  options.header_timeout = std::chrono::seconds(60);
  options.max_connection_lifetime = std::chrono::seconds(1);
  RunningServer server(options);
  // Idle past its lifetime: closed.
  HttpClient idle(server.port());
  BOOST_TEST(idle.request("/rss.xml").keep_alive());
  BOOST_TEST(idle.closed_within(milliseconds(5000)));
  // A request whose header completes past the lifetime: answered, then closed.
  HttpClient busy(server.port());
  std::string request = test::request_text("/rss.xml");
  busy.send(request.substr(0, 10));
  std::this_thread::sleep_for(milliseconds(1500));
  busy.send(request.substr(10));
  HttpReply reply = busy.read();
  BOOST_TEST(reply.body() == kFeed);
  BOOST_TEST(header(reply, http::field::connection) == "close");
  BOOST_TEST(busy.closed_within(milliseconds(3000)));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
