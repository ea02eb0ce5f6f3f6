#include "daemon/net/http_client.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>
#include <map>
#include <optional>
#include <set>

#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {

using test::HttpReceiver;
using test::ReceivedRequest;
using test::Reply;
using namespace std::chrono_literals;

namespace {

// An io_context on the test thread and a client on it.
struct ClientFixture {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  HttpClient client{io, options()};

  static HttpClientOptions options() {
    HttpClientOptions options;
    options.user_agent = "herald-test";
    return options;
  }

  // Runs the loop until `done` or `timeout`; false on timeout.
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 10s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      io.run_one_for(10ms);
    }
    return true;
  }

  // Submits one request and runs the loop until its answer.
  HttpResponse fetch(HttpRequest request) {
    std::optional<HttpResponse> answer;
    client.submit(std::move(request), [&](HttpResponse r) { answer = std::move(r); });
    BOOST_REQUIRE(run_until([&] { return answer.has_value(); }, 20s));
    return std::move(*answer);
  }
};

HttpRequest post(std::string url, std::string body = "{}") {
  HttpRequest request;
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

// A loopback port nobody listens on (bound once, then closed).
unsigned short closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, {boost::asio::ip::address_v4::loopback(), 0});
  return acceptor.local_endpoint().port();
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client)

BOOST_FIXTURE_TEST_CASE(post_body_and_headers_arrive_exactly, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::ok(R"({"id":"42"})"); });
  HttpRequest request = post(receiver.url("/hooks/abc?x=1"), R"({"type":"post.published","é":"ñ"})");
  request.headers.emplace_back("webhook-id", "msg_1");
  request.headers.emplace_back("X-Empty", "");
  request.headers.emplace_back("X-Spaces", "a  b, c");

  HttpResponse response = fetch(request);

  BOOST_TEST(response.error == "");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == R"({"id":"42"})");
  BOOST_TEST(response.header("content-type") == "application/json");
  BOOST_TEST(response.header("content-length") == "11");
  BOOST_TEST(response.effective_host == "127.0.0.1");
  BOOST_TEST(!response.timed_out);
  BOOST_REQUIRE_EQUAL(receiver.count(), 1u);
  ReceivedRequest got = receiver.requests()[0];
  BOOST_TEST(got.method == "POST");
  BOOST_TEST(got.target == "/hooks/abc?x=1");
  BOOST_TEST(got.body == request.body);
  BOOST_TEST(got.header("content-type") == "application/json");
  BOOST_TEST(got.header("content-length") == std::to_string(request.body.size()));
  BOOST_TEST(got.header("webhook-id") == "msg_1");
  BOOST_TEST(got.header("x-spaces") == "a  b, c");
  BOOST_TEST(got.header("user-agent") == "herald-test");
  BOOST_TEST(got.header("expect") == "");
  std::map<std::string, std::string> names(got.headers.begin(), got.headers.end());
  BOOST_TEST(names.count("x-empty") == 1u);
  BOOST_TEST(names["x-empty"] == "");
}

BOOST_FIXTURE_TEST_CASE(a_form_goes_as_multipart_form_data, ClientFixture) {
  HttpReceiver receiver;
  HttpRequest request;
  request.url = receiver.url("/api/v2/media");
  // PNG's signature, a NUL and a control byte: the part is bytes, not text.
  const std::string image = std::string("\x89PNG\r\n\x1a\n", 8) + '\0' + '\x01' + "binary";
  request.form = {FormPart{"file", image, "foto.png", "image/png"},
                  FormPart{"description", "Vista de la plaza mayor", "", ""}};
  HttpResponse response = fetch(request);
  BOOST_TEST(response.status == 200);
  ReceivedRequest got = receiver.requests().at(0);
  BOOST_TEST(got.method == "POST");
  std::string type = got.header("content-type");
  const std::string prefix = "multipart/form-data; boundary=";
  BOOST_REQUIRE(type.rfind(prefix, 0) == 0);
  const std::string boundary = "--" + type.substr(prefix.size());
  BOOST_TEST(got.body == boundary + "\r\n"
                         "Content-Disposition: form-data; name=\"file\"; filename=\"foto.png\"\r\n"
                         "Content-Type: image/png\r\n\r\n" + image + "\r\n" +
                         boundary + "\r\n"
                         "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
                         "Vista de la plaza mayor\r\n" + boundary + "--\r\n");
}

BOOST_FIXTURE_TEST_CASE(large_body_goes_without_expect_continue, ClientFixture) {
  HttpReceiver receiver;
  std::string body(300000, 'x');
  auto start = std::chrono::steady_clock::now();
  HttpResponse response = fetch(post(receiver.url("/big"), body));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(receiver.requests().at(0).body == body);
  BOOST_TEST(receiver.requests().at(0).header("expect") == "");
  BOOST_TEST((std::chrono::steady_clock::now() - start < 900ms));  // no 1 s wait for "100 Continue"
}

BOOST_FIXTURE_TEST_CASE(other_methods, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest& r, int) { return Reply::ok(r.method + " " + r.body); });
  HttpRequest get;
  get.method = "GET";
  get.url = receiver.url("/status");
  BOOST_TEST(fetch(get).body == "GET ");
  HttpRequest put = post(receiver.url("/statuses/1"), "{\"a\":1}");
  put.method = "PUT";
  BOOST_TEST(fetch(put).body == "PUT {\"a\":1}");
  HttpRequest del;
  del.method = "DELETE";
  del.url = receiver.url("/statuses/1");
  BOOST_TEST(fetch(del).body == "DELETE ");
  HttpRequest head;
  head.method = "HEAD";
  head.url = receiver.url("/");
  HttpResponse answer = fetch(head);
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.body == "");
  BOOST_TEST(receiver.requests().at(3).method == "HEAD");
}

BOOST_FIXTURE_TEST_CASE(status_codes_and_response_headers, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest& r, int) {
    if (r.target == "/500") return Reply::with_status(500, "boom");
    if (r.target == "/429") return Reply::retry_after("120");
    if (r.target == "/410") return Reply::with_status(410);
    if (r.target == "/204") return Reply::with_status(204);
    Reply reply = Reply::with_status(299, "odd");
    reply.headers = {{"X-RateLimit-Reset", "1700000000"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    return reply;
  });

  HttpResponse error = fetch(post(receiver.url("/500")));
  BOOST_TEST(error.status == 500);
  BOOST_TEST(error.body == "boom");
  BOOST_TEST(error.error == "");

  HttpResponse limited = fetch(post(receiver.url("/429")));
  BOOST_TEST(limited.status == 429);
  BOOST_TEST(limited.header("retry-after") == "120");

  BOOST_TEST(fetch(post(receiver.url("/410"))).status == 410);
  HttpResponse empty = fetch(post(receiver.url("/204")));
  BOOST_TEST(empty.status == 204);
  BOOST_TEST(empty.body == "");

  HttpResponse odd = fetch(post(receiver.url("/odd")));
  BOOST_TEST(odd.status == 299);
  BOOST_TEST(odd.header("x-ratelimit-reset") == "1700000000");
  std::vector<std::string> cookies;
  for (const auto& [name, value] : odd.headers) {
    if (name == "set-cookie") cookies.push_back(value);
  }
  BOOST_TEST(cookies == (std::vector<std::string>{"a=1", "b=2"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(host_names_are_resolved, ClientFixture) {
  HttpReceiver receiver;
  for (int i = 0; i < 3; ++i) {
    HttpResponse response = fetch(post("http://localhost:" + std::to_string(receiver.port()) + "/named"));
    BOOST_TEST(response.status == 200, response.error);
    BOOST_TEST(response.effective_host == "localhost");
  }
  BOOST_TEST(receiver.count() == 3u);
}

// `image: http://127.0.0.1:PORT/...` in a post once made herald fetch that
// address and upload the bytes: a post's URL reaches public addresses only,
// judged on the address connected to (a name resolving to loopback too).
BOOST_FIXTURE_TEST_CASE(a_posts_url_reaches_only_public_addresses, ClientFixture) {
  HttpReceiver receiver;
  for (const std::string host : {"127.0.0.1", "localhost", "[::ffff:127.0.0.1]"}) {
    HttpRequest request;
    request.method = "GET";
    request.url = "http://" + host + ":" + std::to_string(receiver.port()) + "/admin";
    request.public_addresses_only = true;
    HttpResponse response = fetch(request);
    BOOST_TEST(response.status == 0);
    BOOST_TEST(response.error.rfind("refused to connect to ", 0) == 0u, response.error);
    BOOST_TEST(response.error.find("a loopback, private, link-local or multicast address") !=
               std::string::npos, response.error);
  }
  BOOST_TEST(receiver.count() == 0u);

  // A network the operator listed is reachable.
  HttpRequest allowed;
  allowed.method = "GET";
  allowed.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/image.png";
  allowed.public_addresses_only = true;
  allowed.allowed_networks = {"127.0.0.0/8"};
  BOOST_TEST(fetch(allowed).status == 200);
  BOOST_TEST(receiver.count() == 1u);
}

BOOST_FIXTURE_TEST_CASE(redirects_are_not_followed, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([&](const ReceivedRequest&, int) {
    Reply reply = Reply::with_status(302);
    reply.headers = {{"Location", "/elsewhere"}};
    return reply;
  });
  HttpResponse response = fetch(post(receiver.url("/hook")));
  BOOST_TEST(response.status == 302);
  BOOST_TEST(response.header("location") == "/elsewhere");
  BOOST_TEST(receiver.count() == 1u);
}

BOOST_FIXTURE_TEST_CASE(connections_are_kept_alive_and_reused, ClientFixture) {
  HttpReceiver receiver;
  for (int i = 0; i < 10; ++i) BOOST_TEST(fetch(post(receiver.url("/k"))).status == 200);
  std::set<std::uint64_t> connections;
  for (const auto& r : receiver.requests()) connections.insert(r.connection);
  BOOST_TEST(connections.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(response_body_is_capped, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::ok(std::string(100000, 'b')); });
  HttpRequest request = post(receiver.url("/"));
  request.max_response_bytes = 100;
  HttpResponse response = fetch(request);
  BOOST_TEST(response.error == "");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == std::string(100, 'b'));
  BOOST_TEST(response.header("content-type") == "application/json");

  request.max_response_bytes = 100000;  // exactly the size: complete
  BOOST_TEST(fetch(request).body.size() == 100000u);
}

BOOST_FIXTURE_TEST_CASE(delayed_answer_arrives, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::ok().after(200ms); });
  HttpResponse response = fetch(post(receiver.url("/slow")));
  BOOST_TEST(response.status == 200);
  BOOST_TEST((response.elapsed >= 200ms));
  BOOST_TEST((response.elapsed < 2000ms));
}

BOOST_FIXTURE_TEST_CASE(hang_times_out, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::hang(); });
  HttpRequest request = post(receiver.url("/hooks/T0K3N-SECRET?key=abcdefgh123"));
  request.timeout = 300ms;
  HttpResponse response = fetch(request);
  BOOST_TEST(response.timed_out);
  BOOST_TEST(response.status == 0);
  BOOST_TEST(starts_with(response.error, "Timeout was reached: Operation timed out after "),
             response.error);
  BOOST_TEST(response.error.find("T0K3N") == std::string::npos);
  BOOST_TEST((response.elapsed >= 300ms));
  BOOST_TEST((response.elapsed < 3000ms));
  BOOST_TEST(receiver.count() == 1u);
}

BOOST_FIXTURE_TEST_CASE(reset_is_an_error, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::reset(); });
  HttpResponse response = fetch(post(receiver.url("/hook")));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(!response.timed_out);
  BOOST_TEST(response.error == "Failure when receiving data from the peer: Recv failure: Connection reset by peer");
}

BOOST_FIXTURE_TEST_CASE(reset_after_a_delay_on_a_reused_connection, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int index) {
    return index == 0 ? Reply::ok() : Reply::reset().after(50ms);
  });
  BOOST_TEST(fetch(post(receiver.url("/a"))).status == 200);
  HttpResponse response = fetch(post(receiver.url("/a")));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(!response.error.empty());
}

BOOST_FIXTURE_TEST_CASE(connection_refused, ClientFixture) {
  unsigned short port = closed_port();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hooks/T0K3N?secret=s3cr3tvalue";
  HttpResponse response = fetch(post(url));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(!response.timed_out);
  BOOST_TEST(starts_with(response.error, "Couldn't connect to server: Failed to connect to 127.0.0.1 port " +
                                             std::to_string(port) + " after "),
             response.error);
  BOOST_TEST(response.error.find("T0K3N") == std::string::npos);
  BOOST_TEST(response.error.find("s3cr3t") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(callbacks_never_run_inside_submit, ClientFixture) {
  bool called = false;
  HttpRequest bad = post("http://127.0.0.1:1/x");
  bad.headers.emplace_back("X-Injected", "a\r\nHost: evil");
  client.submit(bad, [&](HttpResponse r) {
    called = true;
    BOOST_TEST(r.error == "invalid request header \"X-Injected\"");
    BOOST_TEST(r.status == 0);
  });
  BOOST_TEST(!called);
  BOOST_TEST(client.in_flight() == 1u);
  BOOST_TEST(run_until([&] { return called; }));
  BOOST_TEST(client.in_flight() == 0u);
}

BOOST_FIXTURE_TEST_CASE(only_http_and_https, ClientFixture) {
  HttpResponse response = fetch(post("ftp://127.0.0.1/hooks/T0K3N"));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(response.error == "Unsupported protocol: Protocol \"ftp\" not supported or disabled in libcurl");
  response = fetch(post("file:///etc/passwd"));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(starts_with(response.error, "Unsupported protocol"), response.error);
}

BOOST_FIXTURE_TEST_CASE(https_to_a_plain_http_port_fails_readably, ClientFixture) {
  HttpReceiver receiver;
  std::string url = "https://127.0.0.1:" + std::to_string(receiver.port()) +
                    "/hooks/T0K3N-PATH?token=QUERYSECRET#frag";
  HttpResponse response = fetch(post(url));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(!response.timed_out);
  BOOST_TEST(starts_with(response.error, "SSL connect error: "), response.error);
  BOOST_TEST(response.error.find("T0K3N") == std::string::npos);
  BOOST_TEST(response.error.find("QUERYSECRET") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(ca_file_is_used, ClientFixture) {
  HttpReceiver receiver;
  HttpRequest request = post("https://127.0.0.1:" + std::to_string(receiver.port()) + "/h");
  request.ca_file = "/nonexistent/ca.pem";
  HttpResponse response = fetch(request);
  BOOST_TEST(response.status == 0);
  BOOST_TEST(starts_with(response.error, "Problem with the SSL CA cert (path? access rights?)"),
             response.error);
}

BOOST_FIXTURE_TEST_CASE(many_concurrent_requests_pair_with_their_answers, ClientFixture) {
  HttpReceiver receivers(20);
  receivers.set_behavior([](const ReceivedRequest& r, int) { return Reply::ok("ack " + r.body); });
  const int total = 2000;
  std::vector<std::optional<HttpResponse>> answers(total);
  int done = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < total; ++i) {
    HttpRequest request = post(receivers.url("/hook/" + std::to_string(i), i % 20), "n=" + std::to_string(i));
    client.submit(std::move(request), [&answers, &done, i](HttpResponse r) {
      answers[i] = std::move(r);
      ++done;
    });
  }
  BOOST_TEST(client.in_flight() == static_cast<std::size_t>(total));
  BOOST_REQUIRE(run_until([&] { return done == total; }, 60s));
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_MESSAGE("http_client: " << total << " requests in " << seconds << " s ("
                                     << total / seconds << "/s)");
  int wrong = 0;
  for (int i = 0; i < total; ++i) {
    if (!answers[i] || answers[i]->status != 200 || answers[i]->body != "ack n=" + std::to_string(i)) ++wrong;
  }
  BOOST_TEST(wrong == 0);
  BOOST_TEST(client.in_flight() == 0u);
  BOOST_TEST(receivers.count() == static_cast<std::size_t>(total));
  std::map<unsigned short, int> per_port;
  for (const auto& r : receivers.requests()) {
    ++per_port[r.port];
    BOOST_TEST(r.target == "/hook/" + r.body.substr(2));
  }
  BOOST_TEST(per_port.size() == 20u);
}

BOOST_FIXTURE_TEST_CASE(cancel_all_answers_cancelled, ClientFixture) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::hang(); });
  std::vector<HttpResponse> answers;
  for (int i = 0; i < 5; ++i) {
    client.submit(post(receiver.url("/h")), [&](HttpResponse r) { answers.push_back(std::move(r)); });
  }
  BOOST_REQUIRE(run_until([&] { return receiver.count() == 5; }));
  client.cancel_all();
  BOOST_TEST(answers.empty());  // not inside cancel_all
  BOOST_TEST(client.in_flight() == 5u);
  BOOST_REQUIRE(run_until([&] { return answers.size() == 5; }));
  for (const auto& r : answers) {
    BOOST_TEST(r.error == "cancelled");
    BOOST_TEST(r.status == 0);
    BOOST_TEST(!r.timed_out);
  }
  BOOST_TEST(client.in_flight() == 0u);

  // The client still works afterwards.
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::ok(); });
  BOOST_TEST(fetch(post(receiver.url("/h"))).status == 200);
}

BOOST_FIXTURE_TEST_CASE(a_callback_may_submit_again, ClientFixture) {
  HttpReceiver receiver;
  int answered = 0;
  std::function<void(HttpResponse)> chain = [&](HttpResponse r) {
    BOOST_TEST(r.status == 200);
    if (++answered < 5) client.submit(post(receiver.url("/again")), chain);
  };
  client.submit(post(receiver.url("/again")), chain);
  BOOST_TEST(run_until([&] { return answered == 5; }));
  BOOST_TEST(receiver.count() == 5u);
}

BOOST_AUTO_TEST_CASE(destroying_the_client_drops_requests_in_flight) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int) { return Reply::hang(); });
  boost::asio::io_context io;
  bool called = false;
  {
    HttpClient client(io);
    for (int i = 0; i < 3; ++i) client.submit(post(receiver.url("/h")), [&](HttpResponse) { called = true; });
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (receiver.count() < 3 && std::chrono::steady_clock::now() < deadline) io.run_for(10ms);
    BOOST_TEST(receiver.count() == 3u);
  }
  io.run_for(50ms);
  BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(a_callback_may_destroy_the_client) {
  HttpReceiver receiver;
  boost::asio::io_context io;
  auto client = std::make_unique<HttpClient>(io);
  int called = 0;
  for (int i = 0; i < 3; ++i) {
    client->submit(post(receiver.url("/h")), [&](HttpResponse) {
      ++called;
      client.reset();
    });
  }
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (client && std::chrono::steady_clock::now() < deadline) io.run_for(10ms);
  io.run_for(50ms);
  BOOST_TEST(!client);
  BOOST_TEST(called == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
