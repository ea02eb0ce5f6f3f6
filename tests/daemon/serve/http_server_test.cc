#include "daemon/serve/http_server.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <tuple>

#include "daemon/serve/http_negotiation.h"
#include "tests/daemon/serve/http_test_client.h"

namespace herald {

using test::HttpClient;
using test::HttpReply;
using test::RunningServer;
using test::TempDir;
namespace http = boost::beast::http;

namespace {

const std::string kFeed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" +
                          std::string(2000, 'x') + "</channel></rss>\n";

std::string header(const HttpReply& reply, http::field field) {
  return std::string(reply[field]);
}

std::string mtime_date(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return format_http_date(st.st_mtim.tv_sec);
}

// A site: dir/root holds the served files, dir/secret.txt lies beside it.
struct Site {
  TempDir dir;
  Site() {
    test::write_file(dir / "root/rss.xml", kFeed);
    test::write_file(dir / "secret.txt", "TOP SECRET");
  }
  HttpServerOptions options() const { return test::test_http_options(dir); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(http_server)

BOOST_AUTO_TEST_CASE(content_types_by_file_name) {
  Site site;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"rss.xml", "application/rss+xml; charset=utf-8"},
      {"news/section-rss.xml", "application/rss+xml; charset=utf-8"},
      {"atom.xml", "application/atom+xml; charset=utf-8"},
      {"tags/obras-atom.xml", "application/atom+xml; charset=utf-8"},
      {"feed.json", "application/feed+json; charset=utf-8"},
      {"sitemap.xml", "application/xml; charset=utf-8"},
      {"style.xsl", "text/xsl; charset=utf-8"},
      {"page.html", "text/html; charset=utf-8"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"site.css", "text/css; charset=utf-8"},
      {"logo.png", "image/png"},
      {"photo.jpg", "image/jpeg"},
      {"icon.svg", "image/svg+xml"},
      {"data.bin", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) test::write_file(site.dir / ("root/" + name), "body of " + name);
  RunningServer server(site.options());
  HttpClient client(server.port());
  for (const auto& [name, type] : cases) {
    HttpReply reply = client.request("/" + name);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(reply.result_int() == 200u);
      BOOST_TEST(header(reply, http::field::content_type) == type);
      BOOST_TEST(reply.body() == "body of " + name);
      BOOST_TEST(header(reply, http::field::content_length) == std::to_string(reply.body().size()));
    }
  }
}

BOOST_AUTO_TEST_CASE(file_response_headers_exactly) {
  Site site;
  test::write_file(site.dir / "root/logo.png", "PNG");
  RunningServer server(site.options());
  HttpClient client(server.port());
  HttpReply reply = client.request("/rss.xml");
  BOOST_TEST(reply.result_int() == 200u);
  BOOST_TEST(reply.body() == kFeed);
  std::string etag = header(reply, http::field::etag);
  BOOST_TEST(etag.size() == 34u);
  BOOST_TEST((etag.front() == '"' && etag.back() == '"'));
  BOOST_TEST(etag.substr(1, 32).find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(header(reply, http::field::last_modified) == mtime_date(site.dir / "root/rss.xml"));
  BOOST_TEST(header(reply, http::field::cache_control) == "public, max-age=300");
  BOOST_TEST(header(reply, http::field::vary) == "Accept-Encoding");
  BOOST_TEST(header(reply, http::field::content_length) == std::to_string(kFeed.size()));
  BOOST_TEST(header(reply, http::field::content_encoding) == "");
  BOOST_TEST(header(reply, http::field::transfer_encoding) == "");
  BOOST_TEST(header(reply, http::field::link) == "");  // no hubs configured
  BOOST_TEST(parse_http_date(header(reply, http::field::date)).has_value());
  // Images are never compressed, so they do not vary.
  HttpReply png = client.request("/logo.png", "Accept-Encoding: gzip\r\n");
  BOOST_TEST(header(png, http::field::vary) == "");
  BOOST_TEST(header(png, http::field::content_encoding) == "");
}

BOOST_AUTO_TEST_CASE(etag_is_stable_and_follows_the_bytes) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  std::string first = header(client.request("/rss.xml"), http::field::etag);
  BOOST_TEST(header(client.request("/rss.xml"), http::field::etag) == first);
  // Atomic replacement (temp + rename), as the daemon writes.
  test::write_file(site.dir / "root/.rss.xml.tmp", kFeed + "<!-- 2 -->");
  std::filesystem::rename(site.dir / "root/.rss.xml.tmp", site.dir / "root/rss.xml");
  HttpReply changed = client.request("/rss.xml");
  BOOST_TEST(changed.body() == kFeed + "<!-- 2 -->");
  BOOST_TEST(header(changed, http::field::etag) != first);
  // Same bytes again: the same ETag even though the file is new.
  test::write_file(site.dir / "root/.rss.xml.tmp", kFeed);
  std::filesystem::rename(site.dir / "root/.rss.xml.tmp", site.dir / "root/rss.xml");
  BOOST_TEST(header(client.request("/rss.xml"), http::field::etag) == first);
  // Deleted: 404 at once, without invalidate().
  std::filesystem::remove(site.dir / "root/rss.xml");
  BOOST_TEST(client.request("/rss.xml").result_int() == 404u);
}

BOOST_AUTO_TEST_CASE(conditional_requests) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  HttpReply full = client.request("/rss.xml");
  std::string etag = header(full, http::field::etag);
  std::string last_modified = header(full, http::field::last_modified);
  for (const std::string& inm : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    HttpReply reply = client.request("/rss.xml", "If-None-Match: " + inm + "\r\n");
    BOOST_TEST_CONTEXT(inm) {
      BOOST_TEST(reply.result_int() == 304u);
      BOOST_TEST(reply.body() == "");
      BOOST_TEST(header(reply, http::field::etag) == etag);
      BOOST_TEST(header(reply, http::field::cache_control) == "public, max-age=300");
      BOOST_TEST(header(reply, http::field::vary) == "Accept-Encoding");
      BOOST_TEST(header(reply, http::field::content_length) == "");
    }
  }
  BOOST_TEST(client.request("/rss.xml", "If-None-Match: \"other\"\r\n").result_int() == 200u);
  BOOST_TEST(client.request("/rss.xml", "If-Modified-Since: " + last_modified + "\r\n")
                 .result_int() == 304u);
  BOOST_TEST(client.request("/rss.xml", "If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT\r\n")
                 .result_int() == 200u);
  // If-None-Match wins over If-Modified-Since.
  BOOST_TEST(client.request("/rss.xml", "If-None-Match: \"other\"\r\nIf-Modified-Since: " +
                                            last_modified + "\r\n")
                 .result_int() == 200u);
  // The identity ETag does not validate the gzip variant.
  BOOST_TEST(client.request("/rss.xml", "Accept-Encoding: gzip\r\nIf-None-Match: " + etag + "\r\n")
                 .result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(head_has_the_headers_and_no_body) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  HttpReply head = client.request("/rss.xml", "", "HEAD");
  BOOST_TEST(head.result_int() == 200u);
  BOOST_TEST(header(head, http::field::content_length) == std::to_string(kFeed.size()));
  BOOST_TEST(header(head, http::field::content_type) == "application/rss+xml; charset=utf-8");
  BOOST_TEST(header(head, http::field::etag) != "");
  // Had a body been sent, this GET would read it as its response.
  HttpReply get = client.request("/rss.xml");
  BOOST_TEST(get.body() == kFeed);
  BOOST_TEST(header(get, http::field::etag) == header(head, http::field::etag));
  BOOST_TEST(client.request("/missing.xml", "", "HEAD").result_int() == 404u);
  BOOST_TEST(client.request("/rss.xml").body() == kFeed);
}

BOOST_AUTO_TEST_CASE(gzip_when_the_client_accepts_it) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  std::string etag = header(client.request("/rss.xml"), http::field::etag);
  for (const char* accept : {"gzip", "gzip, deflate, br", "br;q=1, gzip;q=0.5", "*", "x-gzip"}) {
    HttpReply reply = client.request("/rss.xml", std::string("Accept-Encoding: ") + accept + "\r\n");
    BOOST_TEST_CONTEXT(accept) {
      BOOST_TEST(header(reply, http::field::content_encoding) == "gzip");
      BOOST_TEST(header(reply, http::field::etag) == etag.substr(0, etag.size() - 1) + "-gz\"");
      BOOST_TEST(header(reply, http::field::vary) == "Accept-Encoding");
      BOOST_TEST(header(reply, http::field::content_length) == std::to_string(reply.body().size()));
      BOOST_TEST(reply.body().size() < kFeed.size());
      BOOST_TEST(test::gunzip(reply.body()) == kFeed);
    }
  }
  for (const char* accept : {"identity", "gzip;q=0", "br", "*;q=0", "deflate, *;q=0.5, gzip;q=0"}) {
    HttpReply reply = client.request("/rss.xml", std::string("Accept-Encoding: ") + accept + "\r\n");
    BOOST_TEST_CONTEXT(accept) {
      BOOST_TEST(header(reply, http::field::content_encoding) == "");
      BOOST_TEST(header(reply, http::field::etag) == etag);
      BOOST_TEST(reply.body() == kFeed);
    }
  }
  HttpReply gz = client.request("/rss.xml", "Accept-Encoding: gzip\r\n");
  HttpReply not_modified = client.request(
      "/rss.xml", "Accept-Encoding: gzip\r\nIf-None-Match: " + header(gz, http::field::etag) + "\r\n");
  BOOST_TEST(not_modified.result_int() == 304u);
  // A tiny file does not shrink: sent as is, still varying.
  test::write_file(site.dir / "root/tiny.txt", "a");
  HttpReply tiny = client.request("/tiny.txt", "Accept-Encoding: gzip\r\n");
  BOOST_TEST(tiny.body() == "a");
  BOOST_TEST(header(tiny, http::field::content_encoding) == "");
  BOOST_TEST(header(tiny, http::field::vary) == "Accept-Encoding");
}

BOOST_AUTO_TEST_CASE(websub_link_headers_on_feeds) {
  Site site;
  test::write_file(site.dir / "root/secciones/obras públicas/atom.xml", "<feed/>");
  test::write_file(site.dir / "root/feed.json", "{}");
  test::write_file(site.dir / "root/style.xsl", "<xsl/>");
  HttpServerOptions options = site.options();
  options.hubs = {"https://hub.example/", "https://pubsubhubbub.appspot.com/"};
  RunningServer server(options);
  HttpClient client(server.port());
  BOOST_TEST(header(client.request("/rss.xml"), http::field::link) ==
             "<https://hub.example/>; rel=\"hub\", <https://pubsubhubbub.appspot.com/>; "
             "rel=\"hub\", <https://example.org/news/rss.xml>; rel=\"self\"");
  BOOST_TEST(header(client.request("/secciones/obras%20p%C3%BAblicas/atom.xml"), http::field::link) ==
             "<https://hub.example/>; rel=\"hub\", <https://pubsubhubbub.appspot.com/>; "
             "rel=\"hub\", <https://example.org/news/secciones/obras%20p%C3%BAblicas/atom.xml>; "
             "rel=\"self\"");
  BOOST_TEST(header(client.request("/feed.json"), http::field::link) ==
             "<https://hub.example/>; rel=\"hub\", <https://pubsubhubbub.appspot.com/>; "
             "rel=\"hub\", <https://example.org/news/feed.json>; rel=\"self\"");
  BOOST_TEST(header(client.request("/style.xsl"), http::field::link) == "");
}

BOOST_AUTO_TEST_CASE(configured_feed_file_names_are_served_as_feeds) {
  Site site;
  test::write_file(site.dir / "root/index.xml", "<rss/>");
  test::write_file(site.dir / "root/secciones/obras/feed.atom", "<feed/>");
  test::write_file(site.dir / "root/noticias.json", "{}");
  test::write_file(site.dir / "root/data.json", "{}");
  HttpServerOptions options = site.options();
  options.feed_files = {"index.xml", "feed.atom", "noticias.json"};
  options.hubs = {"https://hub.example/"};
  RunningServer server(options);
  HttpClient client(server.port());
  const std::vector<std::tuple<std::string, std::string, bool>> cases = {
      {"/index.xml", "application/rss+xml; charset=utf-8", true},
      {"/secciones/obras/feed.atom", "application/atom+xml; charset=utf-8", true},
      {"/noticias.json", "application/feed+json; charset=utf-8", true},
      {"/data.json", "application/json; charset=utf-8", false},
      {"/rss.xml", "application/rss+xml; charset=utf-8", true},  // by its suffix still
  };
  for (const auto& [target, type, feed] : cases) {
    HttpReply reply = client.request(target);
    BOOST_TEST_CONTEXT(target) {
      BOOST_TEST(header(reply, http::field::content_type) == type);
      BOOST_TEST(header(reply, http::field::link) ==
                 (feed ? "<https://hub.example/>; rel=\"hub\", <https://example.org/news" + target +
                             ">; rel=\"self\""
                       : std::string()));
    }
  }
}

BOOST_AUTO_TEST_CASE(directories_serve_index_html_never_a_listing) {
  Site site;
  test::write_file(site.dir / "root/index.html", "<h1>home</h1>");
  test::write_file(site.dir / "root/archive/index.html", "<h1>archive</h1>");
  test::write_file(site.dir / "root/empty/rss.xml", kFeed);
  RunningServer server(site.options());
  HttpClient client(server.port());
  BOOST_TEST(client.request("/").body() == "<h1>home</h1>");
  BOOST_TEST(client.request("/archive/").body() == "<h1>archive</h1>");
  BOOST_TEST(client.request("/archive").body() == "<h1>archive</h1>");
  BOOST_TEST(header(client.request("/archive/"), http::field::content_type) ==
             "text/html; charset=utf-8");
  HttpReply listing = client.request("/empty/");
  BOOST_TEST(listing.result_int() == 404u);
  BOOST_TEST(listing.body() == "404 Not Found\n");
  BOOST_TEST(client.request("/rss.xml/").result_int() == 404u);
  BOOST_TEST(client.request("/rss.xml?v=2").body() == kFeed);
  BOOST_TEST(client.request("//rss.xml").body() == kFeed);
}

BOOST_AUTO_TEST_CASE(the_root_without_an_index_serves_the_feeds_page) {
  Site site;
  RunningServer server(site.options());
  {
    HttpClient client(server.port());
    BOOST_TEST(client.request("/").result_int() == 404u);  // nothing written yet
  }
  test::write_file(site.dir / "root/feeds.html", "<h1>feeds</h1>");
  test::write_file(site.dir / "root/empty/feeds.html", "<h1>not here</h1>");
  HttpClient client(server.port());
  HttpReply root = client.request("/");
  BOOST_TEST(root.body() == "<h1>feeds</h1>");
  BOOST_TEST(header(root, http::field::content_type) == "text/html; charset=utf-8");
  BOOST_TEST(client.request("/empty/").result_int() == 404u);  // only the root
  // A site's own index.html wins.
  test::write_file(site.dir / "root/index.html", "<h1>home</h1>");
  BOOST_TEST(client.request("/").body() == "<h1>home</h1>");
}

BOOST_AUTO_TEST_CASE(other_methods_are_405_with_allow) {
  Site site;
  RunningServer server(site.options());
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    HttpClient client(server.port());
    HttpReply reply = client.request("/rss.xml", "", method);
    BOOST_TEST_CONTEXT(method) {
      BOOST_TEST(reply.result_int() == 405u);
      BOOST_TEST(header(reply, http::field::allow) == "GET, HEAD");
      BOOST_TEST(reply.body() == "405 Method Not Allowed\n");
    }
  }
  // A request body is never read: answered, then the connection closes.
  HttpClient client(server.port());
  client.send("POST /rss.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  BOOST_TEST(client.read().result_int() == 405u);
  BOOST_TEST(client.closed_within(std::chrono::milliseconds(3000)));
}

BOOST_AUTO_TEST_CASE(traversal_and_hidden_files_are_refused) {
  Site site;
  test::write_file(site.dir / "root/.rss.xml.tmp", "temporary");
  test::write_file(site.dir / "root/sub/inner.txt", "inner");
  std::filesystem::create_directories(site.dir / "outside");
  test::write_file(site.dir / "outside/secret.txt", "TOP SECRET");
  std::filesystem::create_symlink("../secret.txt", site.dir / "root/link.txt");
  std::filesystem::create_symlink(site.dir / "outside", site.dir / "root/linkdir");
  std::filesystem::create_symlink("rss.xml", site.dir / "root/alias.xml");
  RunningServer server(site.options());
  const std::vector<std::pair<std::string, unsigned>> cases = {
      {"/../secret.txt", 400},
      {"/sub/../../secret.txt", 400},
      {"/%2e%2e/secret.txt", 400},
      {"/%2E%2E/secret.txt", 400},
      {"/sub/%2e%2e/%2e%2e/secret.txt", 400},
      {"/..%2fsecret.txt", 400},
      {"/%2e%2e%2fsecret.txt", 400},
      {"/..%5csecret.txt", 400},
      {"/..\\secret.txt", 400},
      {"/rss.xml%00.txt", 400},
      {"/sub/./inner.txt", 400},
      {"/%zz", 400},
      {"http://evil.example/../secret.txt", 400},
      {"http://evil.example/%2e%2e/secret.txt", 400},
      {"secret.txt", 400},
      {"*", 400},
      {"/link.txt", 404},
      {"/linkdir/secret.txt", 404},
      {"/alias.xml", 404},
      {"/.rss.xml.tmp", 404},
      {"/%2erss.xml.tmp", 404},
      {"/sub/.hidden", 404},
  };
  for (const auto& [target, status] : cases) {
    HttpClient client(server.port());
    HttpReply reply = client.request(target);
    BOOST_TEST_CONTEXT(target) {
      BOOST_TEST(reply.result_int() == status);
      BOOST_TEST(reply.body().find("SECRET") == std::string::npos);
      BOOST_TEST(reply.body().find("temporary") == std::string::npos);
    }
  }
  // Absolute-form inside the root is fine. A leading "/./" is not a segment
  // for Boost.URL (it marks a path whose first segment is empty).
  HttpClient client(server.port());
  BOOST_TEST(client.request("http://example.org/sub/inner.txt").body() == "inner");
  BOOST_TEST(client.request("/./rss.xml").body() == kFeed);
}

BOOST_AUTO_TEST_CASE(healthz_and_metrics_go_to_the_handlers) {
  Site site;
  test::write_file(site.dir / "root/metrics", "a file named metrics");
  HttpHandlers handlers;
  int health_calls = 0;
  handlers.healthz = [&] {
    ++health_calls;
    return HttpResponseText{503, "text/plain; charset=utf-8", "starting\n"};
  };
  handlers.metrics = [] {
    return HttpResponseText{200, "text/plain; version=0.0.4", "herald_up 1\n"};
  };
  RunningServer server(site.options(), handlers);
  HttpClient client(server.port());
  HttpReply health = client.request("/healthz");
  BOOST_TEST(health.result_int() == 503u);
  BOOST_TEST(health.body() == "starting\n");
  BOOST_TEST(header(health, http::field::cache_control) == "no-store");
  BOOST_TEST(header(health, http::field::content_type) == "text/plain; charset=utf-8");
  HttpReply metrics = client.request("/metrics?x=1");
  BOOST_TEST(metrics.body() == "herald_up 1\n");
  BOOST_TEST(header(metrics, http::field::content_type) == "text/plain; version=0.0.4");
  BOOST_TEST(header(metrics, http::field::etag) == "");
  HttpReply head = client.request("/metrics", "", "HEAD");
  BOOST_TEST(header(head, http::field::content_length) == "12");
  BOOST_TEST(client.request("/healthz", "", "POST").result_int() == 405u);
  BOOST_TEST(health_calls == 1);
}

BOOST_AUTO_TEST_CASE(huge_header_is_431) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  client.send(test::request_text("/rss.xml", "X-Big: " + std::string(9000, 'a') + "\r\n"));
  HttpReply reply = client.read();
  BOOST_TEST(reply.result_int() == 431u);
  BOOST_TEST(reply.body() == "431 Request Header Fields Too Large\n");
  BOOST_TEST(client.closed_within(std::chrono::milliseconds(3000)));
  // Just under the limit is fine.
  HttpClient ok(server.port());
  BOOST_TEST(ok.request("/rss.xml", "X-Big: " + std::string(7000, 'a') + "\r\n").result_int() ==
             200u);
}

BOOST_AUTO_TEST_CASE(slowloris_is_cut_while_others_are_served) {
  Site site;
  RunningServer server(site.options());  // header_timeout 1 s
  HttpClient slow(server.port());
  std::string request = test::request_text("/rss.xml");
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  for (std::size_t i = 0; i < request.size() && !closed; ++i) {
    try {
      slow.send(request.substr(i, 1));
    } catch (const std::exception&) {
      closed = true;
      break;
    }
    // Meanwhile a normal client is served at once.
    if (i == 2) BOOST_TEST(HttpClient(server.port()).request("/rss.xml").result_int() == 200u);
    closed = slow.closed_within(std::chrono::milliseconds(200));
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST(closed);
  BOOST_TEST(elapsed < std::chrono::milliseconds(1800));
  BOOST_TEST(elapsed >= std::chrono::milliseconds(900));
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  Site site;
  test::write_file(site.dir / "root/a.txt", "first");
  test::write_file(site.dir / "root/b.txt", "second");
  RunningServer server(site.options());
  HttpClient client(server.port());
  client.send(test::request_text("/a.txt") + test::request_text("/missing") +
              test::request_text("/rss.xml", "", "HEAD") + test::request_text("/b.txt"));
  BOOST_TEST(client.read().body() == "first");
  BOOST_TEST(client.read().result_int() == 404u);
  HttpReply head = client.read(true);
  BOOST_TEST(head.result_int() == 200u);
  BOOST_TEST(head.body() == "");
  BOOST_TEST(client.read().body() == "second");
}

BOOST_AUTO_TEST_CASE(keep_alive_reuse_and_http10_close) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  for (int i = 0; i < 5; ++i) BOOST_TEST(client.request("/rss.xml").keep_alive());
  // Bytes are counted when the write completes, which may follow the read.
  HttpStats stats = server.server().stats();
  for (int i = 0; i < 100 && stats.bytes_sent <= 5 * kFeed.size(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stats = server.server().stats();
  }
  BOOST_TEST(stats.connections_accepted == 1u);
  BOOST_TEST(stats.responses_by_class[1] == 5u);
  BOOST_TEST(stats.bytes_sent > 5 * kFeed.size());

  HttpClient old(server.port());
  old.send("GET /rss.xml HTTP/1.0\r\n\r\n");
  HttpReply reply = old.read();
  BOOST_TEST(reply.body() == kFeed);
  BOOST_TEST(!reply.keep_alive());
  BOOST_TEST(old.closed_within(std::chrono::milliseconds(3000)));

  HttpClient asks_close(server.port());
  asks_close.send(test::request_text("/rss.xml", "Connection: close\r\n"));
  BOOST_TEST(header(asks_close.read(), http::field::connection) == "close");
  BOOST_TEST(asks_close.closed_within(std::chrono::milliseconds(3000)));
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connection_is_closed) {
  Site site;
  RunningServer server(site.options());  // idle_timeout 2 s
  HttpClient client(server.port());
  BOOST_TEST(client.request("/rss.xml").result_int() == 200u);
  BOOST_TEST(!client.closed_within(std::chrono::milliseconds(1500)));
  BOOST_TEST(client.closed_within(std::chrono::milliseconds(1500)));
}

BOOST_AUTO_TEST_CASE(too_many_requests_per_second_is_429) {
  Site site;
  HttpServerOptions options = site.options();
  options.max_requests_per_second = 3;
  RunningServer server(options);
  HttpClient client(server.port());
  std::string burst;
  for (int i = 0; i < 6; ++i) burst += test::request_text("/rss.xml");
  client.send(burst);
  for (int i = 0; i < 3; ++i) BOOST_TEST(client.read().result_int() == 200u);
  HttpReply limited = client.read();
  BOOST_TEST(limited.result_int() == 429u);
  BOOST_TEST(header(limited, http::field::connection) == "close");
  BOOST_TEST(client.closed_within(std::chrono::milliseconds(3000)));
  // Another connection has its own budget.
  BOOST_TEST(HttpClient(server.port()).request("/rss.xml").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(connections_beyond_the_limit_get_503) {
  Site site;
  // Larger than the socket buffers: its answer stays in flight while unread.
  test::write_file(site.dir / "root/big.bin", std::string(24u << 20, 'b'));
  HttpServerOptions options = site.options();
  options.max_connections = 2;
  RunningServer server(options);
  HttpClient a(server.port());
  HttpClient b(server.port());
  BOOST_TEST(a.request("/rss.xml").result_int() == 200u);
  BOOST_TEST(b.request("/rss.xml").result_int() == 200u);
  // Both busy answering (an idle one would be closed to make room).
  a.send(test::request_text("/big.bin"));
  b.send(test::request_text("/big.bin"));
  BOOST_TEST(a.answer_started(std::chrono::milliseconds(5000)));
  BOOST_TEST(b.answer_started(std::chrono::milliseconds(5000)));
  HttpClient c(server.port());
  HttpReply busy = c.read();
  BOOST_TEST(busy.result_int() == 503u);
  BOOST_TEST(busy.body() == "503 Service Unavailable\n");
  BOOST_TEST(server.server().stats().connections_rejected == 1u);
  BOOST_TEST(server.server().stats().connections_open == 2u);
}

BOOST_AUTO_TEST_CASE(adopts_a_listening_socket) {
  Site site;
  boost::asio::io_context io;
  HttpServer server(io, site.options(), {});
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_TEST(server.adopt(fd).message ==
             "cannot adopt socket " + std::to_string(fd) + ": not a listening socket");
  BOOST_REQUIRE(::listen(fd, 16) == 0);
  BOOST_TEST(server.adopt(fd).ok());
  unsigned short port = server.local_endpoints().at(0).port();
  std::thread loop([&] { io.run(); });
  BOOST_TEST(HttpClient(port).request("/rss.xml").body() == kFeed);
  boost::asio::post(io, [&] { server.stop(); });
  loop.join();
  BOOST_TEST(server.adopt(-1).message == "cannot adopt socket -1: Bad file descriptor");
}

BOOST_AUTO_TEST_CASE(listen_errors_name_the_address) {
  Site site;
  RunningServer running(site.options());
  boost::asio::io_context io;
  HttpServer server(io, site.options(), {});
  std::string used = "127.0.0.1:" + std::to_string(running.port());
  BOOST_TEST(server.listen(used).message ==
             "cannot listen on " + used + ": Address already in use");
  BOOST_TEST(server.listen("localhost:80").message ==
             "cannot listen on localhost:80: not an IP address");
  BOOST_TEST(server.listen("127.0.0.1:99999").message ==
             "cannot listen on 127.0.0.1:99999: invalid port");
  BOOST_TEST(server.listen("8080").message == "cannot listen on 8080: expected HOST:PORT");
  BOOST_TEST(server.listen("::1:8080").message ==
             "cannot listen on ::1:8080: IPv6 addresses need brackets, e.g. [::1]:8080");
  BOOST_TEST(server.listen("[::1]:0").ok());
  BOOST_TEST(server.listen(":0").ok());
  BOOST_TEST(server.local_endpoints().size() == 2u);
}

BOOST_AUTO_TEST_CASE(stop_closes_open_connections) {
  Site site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  BOOST_TEST(client.request("/rss.xml").result_int() == 200u);
  server.on_loop([&] { server.server().stop(); });
  BOOST_TEST(client.closed_within(std::chrono::milliseconds(1000)));
  BOOST_CHECK_THROW(HttpClient{server.port()}, std::exception);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
