// Who may read /metrics: an allow-list of addresses, or a listener of its own.
#include <boost/test/unit_test.hpp>

#include "daemon/serve/http_server.h"
#include "tests/daemon/serve/http_test_client.h"

namespace herald {

using test::HttpClient;
using test::RunningServer;
using test::TempDir;

namespace {

struct Site {
  TempDir dir;
  HttpHandlers handlers{
      [] { return HttpResponseText{200, "application/json", "{\"status\":\"ok\"}"}; },
      [] { return HttpResponseText{200, "text/plain; version=0.0.4", "herald_up 1\n"}; }};
  Site() {
    test::write_file(dir / "root/rss.xml", "<rss/>");
    test::write_file(dir / "root/metrics", "a file named metrics");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(http_metrics_access)

BOOST_AUTO_TEST_CASE(only_allowed_addresses_read_metrics) {
  Site site;
  HttpServerOptions options = test::test_http_options(site.dir);
  options.metrics_allow = {"127.0.0.2/31", "::1"};
  RunningServer server(options, site.handlers);
  HttpClient outside(server.port(), "127.0.0.1");
  auto refused = outside.request("/metrics");
  BOOST_TEST(refused.result_int() == 403u);
  BOOST_TEST(refused.body() == "403 Forbidden\n");
  BOOST_TEST(outside.request("/rss.xml").body() == "<rss/>");
  BOOST_TEST(outside.request("/healthz").result_int() == 200u);
  for (const char* from : {"127.0.0.2", "127.0.0.3"}) {
    BOOST_TEST(HttpClient(server.port(), from).request("/metrics").body() == "herald_up 1\n");
  }
  BOOST_TEST(HttpClient(server.port(), "127.0.0.4").request("/metrics").result_int() == 403u);
}

BOOST_AUTO_TEST_CASE(a_metrics_listener_takes_metrics_off_the_public_one) {
  Site site;
  HttpServerOptions options = test::test_http_options(site.dir);
  options.metrics_listen = "127.0.0.1:0";
  RunningServer server(options, site.handlers);
  BOOST_TEST(server.metrics_port() != 0);
  BOOST_TEST(server.metrics_port() != server.port());
  HttpClient public_client(server.port());
  auto hidden = public_client.request("/metrics");
  BOOST_TEST(hidden.result_int() == 404u);
  BOOST_TEST(hidden.body() == "404 Not Found\n");
  BOOST_TEST(public_client.request("/rss.xml").body() == "<rss/>");
  BOOST_TEST(public_client.request("/healthz").result_int() == 200u);
  HttpClient metrics_client(server.metrics_port());
  BOOST_TEST(metrics_client.request("/metrics").body() == "herald_up 1\n");
  BOOST_TEST(metrics_client.request("/healthz").body() == "{\"status\":\"ok\"}");
  BOOST_TEST(metrics_client.request("/rss.xml").result_int() == 404u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
