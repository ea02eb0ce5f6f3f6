// Requests announcing a body: refused and the connection closed, so that the
// bytes after the header are never answered as a second request.
#include "daemon/serve/http_request_framing.h"

#include <boost/test/unit_test.hpp>

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

// A request for /rss.xml whose "body" is a complete request for /secret.txt.
std::string smuggling(const std::string& method, const std::string& fields) {
  std::string hidden = "GET /secret.txt HTTP/1.1\r\nHost: x\r\n\r\n";
  return method + " /rss.xml HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n" + hidden;
}

struct Served {
  TempDir dir;
  std::unique_ptr<RunningServer> server;
  Served() {
    test::write_file(dir / "root/rss.xml", "<rss/>");
    test::write_file(dir / "root/secret.txt", "SMUGGLED");
    server = std::make_unique<RunningServer>(test::test_http_options(dir));
  }
};

IncomingRequest request_with(http::verb method, http::field field, const std::string& value) {
  IncomingRequest request{method, "/rss.xml", 11};
  request.set(field, value);
  return request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_request_framing)

BOOST_AUTO_TEST_CASE(transfer_encodings_are_refused_and_the_connection_closed) {
  Served served;
  const std::vector<std::tuple<std::string, std::string, unsigned>> cases = {
      {"GET", "Transfer-Encoding: xchunked\r\n", 501},
      {"GET", "Transfer-Encoding: identity\r\n", 501},
      {"GET", "Transfer-Encoding: gzip\r\n", 400},
      {"GET", "Transfer-Encoding: x-gzip\r\n", 400},
      {"GET", "Transfer-Encoding: gzip, chunked\r\n", 400},
      {"GET", "Transfer-Encoding: chunked\r\n", 400},
      {"GET", "Transfer-Encoding: gzip\r\nTransfer-Encoding: xchunked\r\n", 501},
      {"HEAD", "Transfer-Encoding: gzip\r\n", 400},
      {"POST", "Transfer-Encoding: xchunked\r\n", 501},
      {"GET", "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n", 400},
  };
  for (const auto& [method, fields, status] : cases) {
    BOOST_TEST_CONTEXT(method << " " << fields) {
      HttpClient client(served.server->port());
      client.send(smuggling(method, fields));
      HttpReply reply = client.read(method == "HEAD");
      BOOST_TEST(reply.result_int() == status);
      BOOST_TEST(reply[http::field::connection] == "close");
      if (method != "HEAD") {
        BOOST_TEST(reply.body() == (status == 501 ? "501 Not Implemented\n" : "400 Bad Request\n"));
      }
      // Closed, with no second response in between.
      BOOST_TEST(client.closed_within(milliseconds(3000)));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_body_with_content_length_is_refused_on_get_and_head) {
  Served served;
  for (const std::string method : {"GET", "HEAD"}) {
    HttpClient client(served.server->port());
    std::string hidden = "GET /secret.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    client.send(method + " /rss.xml HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
    BOOST_TEST(client.read(method == "HEAD").result_int() == 400u);
    BOOST_TEST(client.closed_within(milliseconds(3000)));
  }
  // An empty body is no body.
  HttpClient client(served.server->port());
  HttpReply reply = client.request("/rss.xml", "Content-Length: 0\r\n");
  BOOST_TEST(reply.body() == "<rss/>");
  BOOST_TEST(reply.keep_alive());
}

BOOST_AUTO_TEST_CASE(framing_status_by_fields) {
  using http::field;
  using http::verb;
  BOOST_TEST(request_framing_status(IncomingRequest{verb::get, "/", 11}, std::nullopt) == 0u);
  BOOST_TEST(request_framing_status(IncomingRequest{verb::get, "/", 11}, 0) == 0u);
  BOOST_TEST(request_framing_status(IncomingRequest{verb::get, "/", 11}, 5) == 400u);
  BOOST_TEST(request_framing_status(IncomingRequest{verb::post, "/", 11}, 5) == 0u);  // 405 later
  BOOST_TEST(request_framing_status(request_with(verb::get, field::transfer_encoding, "Chunked"),
                                    std::nullopt) == 400u);
  BOOST_TEST(request_framing_status(
                 request_with(verb::get, field::transfer_encoding, "gzip;q=1, chunked"),
                 std::nullopt) == 400u);
  BOOST_TEST(request_framing_status(request_with(verb::get, field::transfer_encoding, ""),
                                    std::nullopt) == 400u);
  BOOST_TEST(request_framing_status(request_with(verb::get, field::transfer_encoding, "br"),
                                    std::nullopt) == 501u);
  BOOST_TEST(request_framing_status(request_with(verb::post, field::transfer_encoding, "chunk"),
                                    std::nullopt) == 501u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
