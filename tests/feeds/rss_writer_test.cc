// RSS 2.0 writer: the exact document for the seed post, the channel rules
// (fallbacks, dates, image), determinism, and what real consumers
// (xmllint, python3-feedparser) read from it.
#include <boost/test/unit_test.hpp>

#include "feeds/feed_writers.h"
#include "tests/feeds/feed_writer_fixture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

constexpr const char* kSeedRss = R"XML(<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="https://www.municipiochihuahua.gob.mx/feed.xsl" type="text/xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Noticias del Municipio de Chihuahua</title>
    <link>https://www.municipiochihuahua.gob.mx/</link>
    <description>Noticias del Gobierno Municipal de Chihuahua</description>
    <language>es-MX</language>
    <lastBuildDate>Tue, 10 Aug 2021 16:17:00 -0600</lastBuildDate>
    <generator>herald 0.1.0</generator>
    <atom:link href="https://www.municipiochihuahua.gob.mx/rss.xml" rel="self" type="application/rss+xml" />
    <atom:link href="https://pubsubhubbub.appspot.com/" rel="hub" />
    <image>
      <url>https://www.municipiochihuahua.gob.mx/images/logo.png</url>
      <title>Noticias del Municipio de Chihuahua</title>
      <link>https://www.municipiochihuahua.gob.mx/</link>
    </image>
    <item>
      <title>Capacita IMM a su personal sobre violencia extrema</title>
      <link>https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/</link>
      <description>El diplomado tiene como objetivo establecer un proceso de profesionalización</description>
      <content:encoded><![CDATA[<p>Como parte de la capacitación constante, el IMM brinda un diplomado.</p>
<p>Horario: 9 < 15 horas; fin del bloque ]]]]><![CDATA[> aquí.</p>]]></content:encoded>
      <dc:creator>Gobierno Municipal de Chihuahua</dc:creator>
      <category domain="https://www.municipiochihuahua.gob.mx/sections/">Local</category>
      <category domain="https://www.municipiochihuahua.gob.mx/tags/">IMM</category>
      <category domain="https://www.municipiochihuahua.gob.mx/tags/">capacitación</category>
      <guid isPermaLink="false">tag:www.municipiochihuahua.gob.mx,2015:news/186509</guid>
      <pubDate>Tue, 10 Aug 2021 16:17:00 -0600</pubDate>
      <media:content url="https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png" medium="image" type="image/png">
        <media:description type="plain">Capacita IMM a su personal sobre violencia extrema</media:description>
      </media:content>
    </item>
  </channel>
</rss>
)XML";

}  // namespace

BOOST_AUTO_TEST_SUITE(rss_writer)

BOOST_AUTO_TEST_CASE(writes_the_seed_post_exactly) {
  BOOST_TEST(write_rss(test::seed_feed()) == kSeedRss);
}

BOOST_AUTO_TEST_CASE(same_feed_gives_same_bytes) {
  BOOST_TEST(test::rewrites_same_bytes(FeedFormat::rss, write_rss(test::seed_feed())));
}

BOOST_AUTO_TEST_CASE(empty_feed_dates_from_empty_updated) {
  Feed feed = test::seed_feed();
  feed.entries.clear();
  std::string rss = write_rss(feed);
  BOOST_TEST(test::contains(rss, "<lastBuildDate>Sat, 01 Jan 2000 00:00:00 +0000</lastBuildDate>"));
  BOOST_TEST(!test::contains(rss, "<item>"));
  BOOST_TEST(rss.ends_with("  </channel>\n</rss>\n"));
}

BOOST_AUTO_TEST_CASE(keeps_the_entry_order_it_is_given) {
  Feed feed = test::seed_feed();
  FeedEntry older = test::seed_entry();
  older.id = "tag:www.municipiochihuahua.gob.mx,2015:news/1";
  older.published = older.updated = Timestamp{1600000000, -360};
  FeedEntry newer = test::seed_entry();
  newer.id = "tag:www.municipiochihuahua.gob.mx,2015:news/2";
  feed.entries = {older, newer};
  std::string rss = write_rss(feed);
  BOOST_TEST(rss.find("news/1</guid>") < rss.find("news/2</guid>"));
  // lastBuildDate is the newest entry's date wherever that entry is.
  BOOST_TEST(test::contains(rss, "<lastBuildDate>Tue, 10 Aug 2021 16:17:00 -0600</lastBuildDate>"));
}

BOOST_AUTO_TEST_CASE(channel_fallbacks) {
  Feed feed = test::seed_feed();
  feed.description.clear();
  feed.logo_url.clear();
  feed.stylesheet_url.clear();
  feed.hubs.clear();
  std::string rss = write_rss(feed);
  BOOST_TEST(test::contains(rss, "<description>Noticias del Municipio de Chihuahua</description>"));
  BOOST_TEST(test::contains(rss, "<url>https://www.municipiochihuahua.gob.mx/favicon.png</url>"));
  BOOST_TEST(!test::contains(rss, "xml-stylesheet"));
  BOOST_TEST(!test::contains(rss, "rel=\"hub\""));
  feed.icon_url.clear();
  BOOST_TEST(!test::contains(write_rss(feed), "<image>"));
}

BOOST_AUTO_TEST_CASE(summary_only_items_and_permalink_guids) {
  Feed feed = test::seed_feed();
  feed.full_content = false;
  feed.entries[0].id = feed.entries[0].url;
  feed.entries[0].id_is_permalink = true;
  feed.entries[0].image_url.clear();
  std::string rss = write_rss(feed);
  BOOST_TEST(!test::contains(rss, "content:encoded"));
  BOOST_TEST(!test::contains(rss, "<media:content"));
  BOOST_TEST(test::contains(rss, "<guid>" + feed.entries[0].url + "</guid>"));
}

BOOST_AUTO_TEST_CASE(an_image_of_known_size_is_an_enclosure_too) {
  Feed feed = test::seed_feed();
  BOOST_TEST(!test::contains(write_rss(feed), "<enclosure"));  // size unknown: media:content only
  feed.entries[0].image_length = 48213;
  std::string rss = write_rss(feed);
  BOOST_TEST(test::contains(rss, "<enclosure url=\"https://www.municipiochihuahua.gob.mx/uploads/2021/"
                                 "images-unnamed.png\" length=\"48213\" type=\"image/png\" />"));
  BOOST_TEST(test::contains(rss, "<media:content"));
  feed.entries[0].image_type.clear();  // RSS requires the type: no enclosure without one
  BOOST_TEST(!test::contains(write_rss(feed), "<enclosure"));
  feed = test::seed_feed();
  feed.entries[0].image_length = 48213;
  BOOST_TEST(test::contains(write_atom(feed), "rel=\"enclosure\" type=\"image/png\" href=\"https://www."
                                             "municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png\" "
                                             "length=\"48213\" title=\"Capacita IMM"));
}

BOOST_AUTO_TEST_CASE(real_consumers_read_the_seed_item) {
  test::TempDir dir;
  test::write_file(dir / "rss.xml", write_rss(test::seed_feed()));
  BOOST_TEST(test::xmllint_errors(dir / "rss.xml") == "");
  BOOST_TEST(test::feedparser_view(dir / "rss.xml") ==
             test::seed_feedparser_view("Tue, 10 Aug 2021 16:17:00 -0600"));
}

BOOST_AUTO_TEST_CASE(never_writes_invalid_xml) {
  Feed feed = test::seed_feed();
  feed.title = std::string("Noticias\x1D del \xFF municipio");
  feed.entries[0].title = std::string("Capacita\x01 IMM \xC3");
  feed.entries[0].content_html = std::string("<p>a\x0B b \xED\xA0\x80 ]]> c</p>");
  test::TempDir dir;
  test::write_file(dir / "rss.xml", write_rss(feed));
  BOOST_TEST(test::xmllint_errors(dir / "rss.xml") == "");
  BOOST_TEST(test::contains(test::feedparser_view(dir / "rss.xml"), "bozo=0\n"));
  BOOST_TEST(test::contains(write_rss(feed), "<title>Noticias del \xEF\xBF\xBD municipio</title>"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
