// The XSL stylesheet: well-formed, labels in Spanish for "es*" and English
// otherwise, and xsltproc turns both an RSS and an Atom feed into a page
// that lists the items.
#include <boost/test/unit_test.hpp>

#include "feeds/feed_writers.h"
#include "tests/feeds/feed_writer_fixture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

// The HTML page xsltproc makes of `feed_bytes` with the Spanish stylesheet.
std::string render_page(const std::string& feed_bytes) {
  test::TempDir dir;
  test::write_file(dir / "feed.xsl", write_stylesheet("es-MX"));
  test::write_file(dir / "feed.xml", feed_bytes);
  test::CommandResult r = test::run_command({"xsltproc", dir / "feed.xsl", dir / "feed.xml"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err == "");
  return r.out;
}

const char* kItemLink =
    "<h3><a href=\"https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/"
    "capacita-imm-a-su-personal-sobre-violencia-extrema/\">"
    "Capacita IMM a su personal sobre violencia extrema</a></h3>";

}  // namespace

BOOST_AUTO_TEST_SUITE(stylesheet)

BOOST_AUTO_TEST_CASE(is_well_formed_xsl) {
  std::string xsl = write_stylesheet("en");
  BOOST_TEST(xsl.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xsl:stylesheet"));
  BOOST_TEST(xsl.ends_with("</xsl:stylesheet>\n"));
  BOOST_TEST(write_stylesheet("en") == xsl);
  test::TempDir dir;
  test::write_file(dir / "feed.xsl", xsl);
  BOOST_TEST(test::xmllint_errors(dir / "feed.xsl") == "");
}

BOOST_AUTO_TEST_CASE(speaks_spanish_for_es_languages) {
  for (const char* language : {"es", "es-MX", "es_ES", "ES-419"}) {
    std::string xsl = write_stylesheet(language);
    BOOST_TEST(test::contains(xsl, ">Esto es un canal de noticias (RSS).</strong>"));
    BOOST_TEST(test::contains(xsl, ">Últimas noticias</h2>"));
  }
}

BOOST_AUTO_TEST_CASE(speaks_english_otherwise) {
  for (const char* language : {"en", "en-US", "", "et", "fr-CA"}) {
    std::string xsl = write_stylesheet(language);
    BOOST_TEST(test::contains(xsl, ">This is a news feed (RSS).</strong>"));
    BOOST_TEST(test::contains(xsl, ">Latest items</h2>"));
    BOOST_TEST(!test::contains(xsl, "noticias"));
  }
}

BOOST_AUTO_TEST_CASE(renders_an_rss_feed_as_a_page) {
  std::string page = render_page(write_rss(test::seed_feed()));
  BOOST_TEST(test::contains(page, "<html lang=\"es-MX\">"));
  BOOST_TEST(test::contains(page, "<title>Noticias del Municipio de Chihuahua</title>"));
  BOOST_TEST(test::contains(page, "Esto es un canal de noticias (RSS)."));
  BOOST_TEST(test::contains(page, kItemLink));
  BOOST_TEST(test::contains(page, "<p class=\"date\">Tue, 10 Aug 2021 16:17:00 -0600</p>"));
  BOOST_TEST(test::contains(page, "<p>El diplomado tiene como objetivo"));
}

BOOST_AUTO_TEST_CASE(renders_an_atom_feed_as_a_page) {
  std::string page = render_page(write_atom(test::seed_feed()));
  BOOST_TEST(test::contains(page, "<h1>Noticias del Municipio de Chihuahua</h1>"));
  BOOST_TEST(test::contains(page, "<p class=\"description\">Noticias del Gobierno Municipal"));
  BOOST_TEST(
      test::contains(page, "href=\"https://www.municipiochihuahua.gob.mx/\">Visitar el sitio"));
  BOOST_TEST(test::contains(page, kItemLink));
  BOOST_TEST(test::contains(page, "<p class=\"date\">2021-08-10T16:17:00-06:00</p>"));
}

BOOST_AUTO_TEST_CASE(feeds_reference_it_with_an_escaped_href) {
  Feed feed = test::seed_feed();
  feed.stylesheet_url = "/feed.xsl?v=1&lang=es";
  std::string expected =
      "<?xml-stylesheet href=\"/feed.xsl?v=1&amp;lang=es\" type=\"text/xsl\"?>\n";
  BOOST_TEST(test::contains(write_rss(feed), expected));
  BOOST_TEST(test::contains(write_atom(feed), expected));
  test::TempDir dir;
  test::write_file(dir / "rss.xml", write_rss(feed));
  BOOST_TEST(test::xmllint_errors(dir / "rss.xml") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
