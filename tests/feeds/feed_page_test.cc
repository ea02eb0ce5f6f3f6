// The HTML page of a feed (feeds/feed_page.h): labels per language, entries
// with their links, images, dates in the site's zone, sections and tags, the
// subscribe box, hostile text kept as text, and a feed without entries.
#include <boost/test/unit_test.hpp>

#include <pugixml.hpp>
#include <regex>

#include "feeds/feed_page.h"
#include "tests/feeds/feed_writer_fixture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::contains;

TimeZone chihuahua() { return TimeZone::load("America/Chihuahua").value(); }

// The page parsed as XML (pugixml writes it well-formed).
struct ParsedPage {
  explicit ParsedPage(const std::string& html) {
    BOOST_TEST_REQUIRE(static_cast<bool>(doc.load_string(html.c_str())));
  }
  std::string text(const char* xpath) const {
    return doc.select_node(xpath).node().text().as_string();
  }
  std::string attribute(const char* xpath) const {
    return doc.select_node(xpath).attribute().value();
  }
  std::size_t count(const char* xpath) const { return doc.select_nodes(xpath).size(); }
  pugi::xml_document doc;
};

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(feed_page)

BOOST_AUTO_TEST_CASE(spanish_page_shows_the_feed_and_its_entries) {
  std::string html = write_feed_page(test::seed_feed(), chihuahua());
  BOOST_TEST(html.starts_with("<!DOCTYPE html>\n<html lang=\"es-MX\">\n"));
  BOOST_TEST(contains(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"));
  ParsedPage page(html);
  BOOST_TEST(page.text("/html/head/title") == "Noticias del Municipio de Chihuahua");
  BOOST_TEST(page.text("//h1") == "Noticias del Municipio de Chihuahua");
  BOOST_TEST(page.text("//p[@class='description']") == "Noticias del Gobierno Municipal de Chihuahua");
  BOOST_TEST(page.text("//section[@class='subscribe']/h2") == "Suscribirse");
  BOOST_TEST(page.text("//main/h2") == "Últimas noticias");
  BOOST_TEST(page.attribute("//article/h3/a/@href") ==
             "https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/"
             "capacita-imm-a-su-personal-sobre-violencia-extrema/");
  BOOST_TEST(page.text("//article/h3/a") == "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(page.attribute("//article/img/@src") ==
             "https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png");
  BOOST_TEST(page.attribute("//article/img/@alt") ==
             "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(page.text("//span[@class='section']") == "Sección: Local");
  BOOST_TEST(page.count("//ul[@class='tags']/li") == 3u);
  BOOST_TEST(page.text("//ul[@class='tags']/li[3]") == "capacitación");
  BOOST_TEST(page.text("//p[@class='summary']") ==
             "El diplomado tiene como objetivo establecer un proceso de profesionalización");
}

BOOST_AUTO_TEST_CASE(dates_are_shown_in_the_site_zone_with_the_instant_in_utc) {
  ParsedPage page(write_feed_page(test::seed_feed(), chihuahua()));
  BOOST_TEST(page.attribute("//time/@datetime") == "2021-08-10T22:17:00Z");
  BOOST_TEST(page.text("//time") == "10 de agosto de 2021, 16:17 (UTC-06:00)");
  ParsedPage utc(write_feed_page(test::seed_feed(), TimeZone::utc()));
  BOOST_TEST(utc.text("//time") == "10 de agosto de 2021, 22:17 (UTC)");
  // Chihuahua left DST in October 2022: a winter and a later summer date.
  BOOST_TEST(local_date_text(Timestamp{1704067200, 0}, chihuahua(), false) ==
             "December 31, 2023, 18:00 (UTC-06:00)");
  BOOST_TEST(local_date_text(Timestamp{1628633820, 0}, TimeZone::load("Asia/Kolkata").value(),
                             false) == "August 11, 2021, 03:47 (UTC+05:30)");
}

BOOST_AUTO_TEST_CASE(subscribe_box_offers_the_feed_url_and_every_format) {
  ParsedPage page(write_feed_page(test::seed_feed(), chihuahua()));
  BOOST_TEST(page.attribute("//input[@id='feed-url']/@value") ==
             "https://www.municipiochihuahua.gob.mx/rss.xml");
  BOOST_TEST(page.count("//input[@id='feed-url'][@readonly]") == 1u);
  BOOST_TEST(page.attribute("//label/@for") == "feed-url");
  // The copy button needs the script: hidden until it runs.
  BOOST_TEST(page.count("//button[@id='copy-feed-url'][@hidden]") == 1u);
  BOOST_TEST(page.text("//button") == "Copiar");
  BOOST_TEST(page.count("//p[@class='formats']/a") == 3u);
  BOOST_TEST(page.attribute("//p[@class='formats']/a[2]/@href") ==
             "https://www.municipiochihuahua.gob.mx/atom.xml");
  BOOST_TEST(page.attribute("//p[@class='formats']/a[3]/@type") == "application/feed+json");
  BOOST_TEST(page.text("//p[@class='formats']/a[3]") == "JSON Feed");
  BOOST_TEST(page.count("/html/head/link[@rel='alternate']") == 3u);
  BOOST_TEST(page.attribute("/html/head/link[1]/@title") ==
             "Noticias del Municipio de Chihuahua (RSS)");
  BOOST_TEST(page.attribute("/html/head/link[1]/@type") == "application/rss+xml");
}

BOOST_AUTO_TEST_CASE(english_labels_for_other_languages) {
  Feed feed = test::seed_feed();
  for (const char* language : {"en", "fr-CA", ""}) {
    feed.language = language;
    std::string html = write_feed_page(feed, chihuahua());
    ParsedPage page(html);
    BOOST_TEST(page.attribute("/html/@lang") == (*language ? language : "en"));
    BOOST_TEST(page.text("//section[@class='subscribe']/h2") == "Subscribe");
    BOOST_TEST(page.text("//main/h2") == "Latest items");
    BOOST_TEST(page.text("//button") == "Copy");
    BOOST_TEST(page.text("//time") == "August 10, 2021, 16:17 (UTC-06:00)");
    BOOST_TEST(page.text("//span[@class='section']") == "Section: Local");
  }
}

BOOST_AUTO_TEST_CASE(hostile_text_stays_text) {
  Feed feed = test::seed_feed();
  const std::string title = "</title><script>alert(1)</script>";
  const std::string alt = "\"><script>alert(2)</script><img src=x onerror=alert(3)>";
  feed.title = title;
  feed.entries[0].title = "</a><script>alert(4)</script>";
  feed.entries[0].image_alt = alt;
  feed.entries[0].tags = {"<b>x</b>"};
  feed.entries[0].url = "https://example.org/?a=1&b=\"2\"";
  std::string html = write_feed_page(feed, chihuahua());
  BOOST_TEST(occurrences(html, "<script") == 1u);  // the page's own
  BOOST_TEST(occurrences(html, "<img") == 1u);
  BOOST_TEST(contains(html, "<h1>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
  ParsedPage page(html);
  BOOST_TEST(page.text("/html/head/title") == title);
  BOOST_TEST(page.text("//article/h3/a") == "</a><script>alert(4)</script>");
  BOOST_TEST(page.attribute("//article/img/@alt") == alt);
  BOOST_TEST(page.attribute("//article/h3/a/@href") == "https://example.org/?a=1&b=\"2\"");
  BOOST_TEST(page.text("//ul[@class='tags']/li[2]") == "<b>x</b>");
}

BOOST_AUTO_TEST_CASE(a_feed_without_entries_says_so) {
  Feed feed = test::seed_feed();
  feed.entries.clear();
  feed.description.clear();
  ParsedPage page(write_feed_page(feed, chihuahua()));
  BOOST_TEST(page.text("//main/p") == "Todavía no hay notas.");
  BOOST_TEST(page.count("//article") == 0u);
  BOOST_TEST(page.count("//p[@class='description']") == 0u);
  feed.language = "en";
  BOOST_TEST(ParsedPage(write_feed_page(feed, chihuahua())).text("//main/p") == "No items yet.");
}

BOOST_AUTO_TEST_CASE(is_html5_that_xml_tools_read_too) {
  Feed feed = test::seed_feed();
  feed.entries.push_back(test::seed_entry());
  feed.entries.back().image_url.clear();
  feed.entries.back().summary.clear();
  feed.entries.back().section.clear();
  feed.entries.back().tags.clear();
  std::string html = write_feed_page(feed, chihuahua());
  BOOST_TEST(html == write_feed_page(feed, chihuahua()));
  // Only void elements are self-closed ("<p />" would open a paragraph).
  std::regex self_closed("<([a-z0-9]+)[^>]*/>");
  for (std::sregex_iterator it(html.begin(), html.end(), self_closed), end; it != end; ++it) {
    std::string name = (*it)[1];
    BOOST_TEST((name == "meta" || name == "link" || name == "input" || name == "img"), name);
  }
  // No resource from elsewhere: the only URLs are the feed's and its posts'.
  BOOST_TEST(!contains(html, "<link rel=\"stylesheet\""));
  BOOST_TEST(!contains(html, "<script src"));
  test::TempDir dir;
  test::write_file(dir / "feed.html", html);
  BOOST_TEST(test::xmllint_errors(dir / "feed.html") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
