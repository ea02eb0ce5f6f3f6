// A feed's HTML page at the feed's URL (HttpServerOptions::feed_page_file):
// browsers get the page, feed readers and everything else the feed; every
// answer at a feed's URL says Vary: Accept; each variant has its own ETag,
// answers HEAD and If-None-Match; a page written or deleted is seen at once.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/daemon/serve/http_test_client.h"

namespace herald {
namespace {

using test::HttpClient;
using test::HttpReply;
using test::RunningServer;
namespace http = boost::beast::http;

const std::string kFeed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" +
                          std::string(2000, 'x') + "</channel></rss>\n";
const std::string kPage = "<!DOCTYPE html>\n<html lang=\"en\"><body>" + std::string(2000, 'p') +
                          "</body></html>\n";
const std::string kChromium =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
    "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

std::string field(const HttpReply& reply, http::field name) { return std::string(reply[name]); }

std::string accept(const std::string& value) { return "Accept: " + value + "\r\n"; }

struct PagedSite {
  test::TempDir dir;
  PagedSite() {
    test::write_file(dir / "root/rss.xml", kFeed);
    test::write_file(dir / "root/feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\"}");
    test::write_file(dir / "root/feed.html", kPage);
    test::write_file(dir / "root/tags/agua/atom.xml", "<feed/>");
  }
  HttpServerOptions options() const {
    HttpServerOptions options = test::test_http_options(dir);
    options.feed_page_file = "feed.html";
    return options;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(http_feed_page)

BOOST_AUTO_TEST_CASE(browsers_get_the_page_and_readers_the_feed) {
  PagedSite site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  HttpReply page = client.request("/rss.xml", accept(kChromium));
  BOOST_TEST(page.result_int() == 200u);
  BOOST_TEST(page.body() == kPage);
  BOOST_TEST(field(page, http::field::content_type) == "text/html; charset=utf-8");
  BOOST_TEST(field(page, http::field::vary) == "Accept-Encoding, Accept");
  BOOST_TEST(field(page, http::field::link) == "");
  for (const std::string& headers :
       {std::string(), accept("*/*"),
        accept("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.1"),
        accept("text/html;q=0.5, */*;q=0.5"), accept("text/html, bad"), accept("text/html;q=\"1")}) {
    HttpReply feed = client.request("/rss.xml", headers);
    BOOST_TEST_CONTEXT(headers) {
      BOOST_TEST(feed.body() == kFeed);
      BOOST_TEST(field(feed, http::field::content_type) == "application/rss+xml; charset=utf-8");
      BOOST_TEST(field(feed, http::field::vary) == "Accept-Encoding, Accept");
    }
  }
  // Every format of the feed; the page itself does not vary.
  BOOST_TEST(client.request("/feed.json", accept(kChromium)).body() == kPage);
  HttpReply direct = client.request("/feed.html", accept(kChromium));
  BOOST_TEST(direct.body() == kPage);
  BOOST_TEST(field(direct, http::field::vary) == "Accept-Encoding");
  // A feed whose directory has no page: the feed, still varying.
  HttpReply pageless = client.request("/tags/agua/atom.xml", accept(kChromium));
  BOOST_TEST(pageless.body() == "<feed/>");
  BOOST_TEST(field(pageless, http::field::vary) == "Accept-Encoding, Accept");
}

BOOST_AUTO_TEST_CASE(each_variant_has_its_etag_head_and_304) {
  PagedSite site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  std::string page_etag = field(client.request("/rss.xml", accept(kChromium)), http::field::etag);
  std::string feed_etag = field(client.request("/rss.xml"), http::field::etag);
  BOOST_TEST(page_etag != feed_etag);
  BOOST_TEST(page_etag == field(client.request("/feed.html"), http::field::etag));
  HttpReply head = client.request("/rss.xml", accept(kChromium), "HEAD");
  BOOST_TEST(head.result_int() == 200u);
  BOOST_TEST(field(head, http::field::content_length) == std::to_string(kPage.size()));
  BOOST_TEST(field(head, http::field::content_type) == "text/html; charset=utf-8");
  BOOST_TEST(field(head, http::field::etag) == page_etag);
  BOOST_TEST(field(head, http::field::vary) == "Accept-Encoding, Accept");
  HttpReply feed_head = client.request("/rss.xml", "", "HEAD");
  BOOST_TEST(field(feed_head, http::field::etag) == feed_etag);
  BOOST_TEST(field(feed_head, http::field::content_length) == std::to_string(kFeed.size()));
  // Had a body been sent, this GET would read it as its response.
  BOOST_TEST(client.request("/rss.xml").body() == kFeed);
  HttpReply page_304 =
      client.request("/rss.xml", accept(kChromium) + "If-None-Match: " + page_etag + "\r\n");
  BOOST_TEST(page_304.result_int() == 304u);
  BOOST_TEST(field(page_304, http::field::etag) == page_etag);
  BOOST_TEST(field(page_304, http::field::vary) == "Accept-Encoding, Accept");
  HttpReply feed_304 = client.request("/rss.xml", "If-None-Match: " + feed_etag + "\r\n");
  BOOST_TEST(feed_304.result_int() == 304u);
  BOOST_TEST(field(feed_304, http::field::etag) == feed_etag);
  // One variant's tag never validates the other.
  BOOST_TEST(client.request("/rss.xml", "If-None-Match: " + page_etag + "\r\n").result_int() == 200u);
  BOOST_TEST(client.request("/rss.xml", accept(kChromium) + "If-None-Match: " + feed_etag + "\r\n")
                 .result_int() == 200u);
  HttpReply gz = client.request("/rss.xml", accept(kChromium) + "Accept-Encoding: gzip\r\n");
  BOOST_TEST(field(gz, http::field::content_encoding) == "gzip");
  BOOST_TEST(test::gunzip(gz.body()) == kPage);
  BOOST_TEST(field(gz, http::field::etag) == page_etag.substr(0, page_etag.size() - 1) + "-gz\"");
}

BOOST_AUTO_TEST_CASE(a_page_rewritten_or_deleted_is_seen_at_once) {
  PagedSite site;
  RunningServer server(site.options());
  HttpClient client(server.port());
  BOOST_TEST(client.request("/rss.xml", accept(kChromium)).body() == kPage);
  test::write_file(site.dir / "root/.feed.html.tmp", kPage + "<!-- 2 -->");
  std::filesystem::rename(site.dir / "root/.feed.html.tmp", site.dir / "root/feed.html");
  BOOST_TEST(client.request("/rss.xml", accept(kChromium)).body() == kPage + "<!-- 2 -->");
  std::filesystem::remove(site.dir / "root/feed.html");
  HttpReply feed = client.request("/rss.xml", accept(kChromium));
  BOOST_TEST(feed.body() == kFeed);
  BOOST_TEST(field(feed, http::field::vary) == "Accept-Encoding, Accept");
}

BOOST_AUTO_TEST_CASE(without_pages_nothing_is_negotiated) {
  PagedSite site;
  HttpServerOptions options = site.options();
  options.feed_page_file.clear();
  RunningServer server(options);
  HttpClient client(server.port());
  HttpReply feed = client.request("/rss.xml", accept(kChromium));
  BOOST_TEST(feed.body() == kFeed);
  BOOST_TEST(field(feed, http::field::vary) == "Accept-Encoding");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
