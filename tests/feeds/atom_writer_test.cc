// Atom 1.0 writer: the exact document for the seed post, authors on every
// entry, category schemes, determinism, and what real consumers (xmllint,
// jing with the RFC 4287 schema, python3-feedparser) make of it.
#include <boost/test/unit_test.hpp>

#include "feeds/feed_writers.h"
#include "tests/feeds/feed_writer_fixture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

constexpr const char* kSeedAtom = R"XML(<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="https://www.municipiochihuahua.gob.mx/feed.xsl" type="text/xsl"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="es-MX">
  <id>tag:www.municipiochihuahua.gob.mx,2015:feed</id>
  <title type="text">Noticias del Municipio de Chihuahua</title>
  <subtitle type="text">Noticias del Gobierno Municipal de Chihuahua</subtitle>
  <updated>2021-08-10T16:17:00-06:00</updated>
  <link rel="self" type="application/atom+xml" href="https://www.municipiochihuahua.gob.mx/atom.xml" />
  <link rel="alternate" type="application/rss+xml" href="https://www.municipiochihuahua.gob.mx/rss.xml" />
  <link rel="alternate" type="application/feed+json" href="https://www.municipiochihuahua.gob.mx/feed.json" />
  <link rel="alternate" type="text/html" href="https://www.municipiochihuahua.gob.mx/" />
  <link rel="hub" href="https://pubsubhubbub.appspot.com/" />
  <author>
    <name>Gobierno Municipal de Chihuahua</name>
  </author>
  <generator uri="https://example.org/herald" version="0.1.0">herald</generator>
  <icon>https://www.municipiochihuahua.gob.mx/favicon.png</icon>
  <logo>https://www.municipiochihuahua.gob.mx/images/logo.png</logo>
  <entry>
    <id>tag:www.municipiochihuahua.gob.mx,2015:news/186509</id>
    <title type="text">Capacita IMM a su personal sobre violencia extrema</title>
    <link rel="alternate" type="text/html" href="https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/" />
    <link rel="enclosure" type="image/png" href="https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png" title="Capacita IMM a su personal sobre violencia extrema" />
    <published>2021-08-10T16:17:00-06:00</published>
    <updated>2021-08-10T16:17:00-06:00</updated>
    <author>
      <name>Gobierno Municipal de Chihuahua</name>
    </author>
    <category term="Local" scheme="https://www.municipiochihuahua.gob.mx/sections/" label="Local" />
    <category term="IMM" scheme="https://www.municipiochihuahua.gob.mx/tags/" label="IMM" />
    <category term="capacitación" scheme="https://www.municipiochihuahua.gob.mx/tags/" label="capacitación" />
    <summary type="text">El diplomado tiene como objetivo establecer un proceso de profesionalización</summary>
    <content type="html">&lt;p&gt;Como parte de la capacitación constante, el IMM brinda un diplomado.&lt;/p&gt;
&lt;p&gt;Horario: 9 &lt; 15 horas; fin del bloque ]]&gt; aquí.&lt;/p&gt;</content>
    <media:thumbnail url="https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png" />
  </entry>
</feed>
)XML";

// "" when jing finds `path` valid against shared/schemas/atom.rnc.
std::string jing_errors(const std::string& path) {
  test::CommandResult r =
      test::run_command({"jing", "-c", test::shared_dir() + "/schemas/atom.rnc", path});
  return r.exit_code == 0 && r.out.empty() ? "" : r.out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(atom_writer)

BOOST_AUTO_TEST_CASE(writes_the_seed_post_exactly) {
  BOOST_TEST(write_atom(test::seed_feed()) == kSeedAtom);
}

BOOST_AUTO_TEST_CASE(same_feed_gives_same_bytes) {
  BOOST_TEST(test::rewrites_same_bytes(FeedFormat::atom, write_atom(test::seed_feed())));
}

BOOST_AUTO_TEST_CASE(every_entry_names_an_author) {
  Feed feed = test::seed_feed();
  feed.entries[0].author.clear();
  feed.author = "Comunicación Social";
  BOOST_TEST(test::contains(write_atom(feed),
                      "    <author>\n      <name>Comunicación Social</name>\n    </author>"));
  feed.author.clear();
  std::string atom = write_atom(feed);
  BOOST_TEST(test::contains(
      atom, "    <author>\n      <name>Noticias del Municipio de Chihuahua</name>"));
  BOOST_TEST(!test::contains(atom, "  <author>\n    <name>"));
}

BOOST_AUTO_TEST_CASE(empty_feed_is_valid_and_dated_from_empty_updated) {
  Feed feed = test::seed_feed();
  feed.entries.clear();
  std::string atom = write_atom(feed);
  BOOST_TEST(test::contains(atom, "  <updated>2000-01-01T00:00:00Z</updated>\n"));
  BOOST_TEST(!test::contains(atom, "<entry>"));
  BOOST_TEST(atom.ends_with("</logo>\n</feed>\n"));
  test::TempDir dir;
  test::write_file(dir / "atom.xml", atom);
  BOOST_TEST(jing_errors(dir / "atom.xml") == "");
}

BOOST_AUTO_TEST_CASE(keeps_the_entry_order_it_is_given) {
  Feed feed = test::seed_feed();
  FeedEntry second = test::seed_entry();
  second.id = "tag:www.municipiochihuahua.gob.mx,2015:news/1";
  second.updated = Timestamp{1700000000, 0};
  feed.entries.push_back(second);
  std::string atom = write_atom(feed);
  BOOST_TEST(atom.find("news/186509</id>") < atom.find("news/1</id>"));
  BOOST_TEST(
      test::contains(atom, "  <updated>2023-11-14T22:13:20Z</updated>\n  <link rel=\"self\""));
}

BOOST_AUTO_TEST_CASE(summary_only_feed_and_entry_without_image) {
  Feed feed = test::seed_feed();
  feed.full_content = false;
  feed.entries[0].image_url.clear();
  feed.entries[0].section.clear();
  std::string atom = write_atom(feed);
  BOOST_TEST(!test::contains(atom, "<content"));
  BOOST_TEST(!test::contains(atom, "rel=\"enclosure\""));
  BOOST_TEST(!test::contains(atom, "media:thumbnail"));
  BOOST_TEST(!test::contains(atom, "term=\"Local\""));
  BOOST_TEST(test::contains(atom, "<summary type=\"text\">"));
}

BOOST_AUTO_TEST_CASE(real_consumers_read_the_seed_entry) {
  test::TempDir dir;
  test::write_file(dir / "atom.xml", write_atom(test::seed_feed()));
  BOOST_TEST(test::xmllint_errors(dir / "atom.xml") == "");
  BOOST_TEST(jing_errors(dir / "atom.xml") == "");
  BOOST_TEST(test::feedparser_view(dir / "atom.xml") ==
             test::seed_feedparser_view("2021-08-10T16:17:00-06:00"));
}

BOOST_AUTO_TEST_CASE(never_writes_invalid_xml) {
  Feed feed = test::seed_feed();
  feed.entries[0].summary = std::string("resumen\x1D con \xFE bytes");
  feed.entries[0].image_alt = std::string("alt \"citado\" <y> \x7F\x08");
  feed.stylesheet_url = "feed.xsl?a=1&b=\"2\"";
  test::TempDir dir;
  test::write_file(dir / "atom.xml", write_atom(feed));
  BOOST_TEST(test::xmllint_errors(dir / "atom.xml") == "");
  BOOST_TEST(jing_errors(dir / "atom.xml") == "");
  BOOST_TEST(!test::contains(write_atom(feed), "xml-stylesheet"));
}

// An archive month reuses the text of its unchanged entries: assembled,
// the document is write_atom's to the byte, whatever the entries hold.
BOOST_AUTO_TEST_CASE(a_document_assembled_from_entry_texts_is_write_atoms) {
  Feed feed = test::seed_feed();
  feed.archive = true;
  feed.full_content = false;
  feed.current_url = "https://www.municipiochihuahua.gob.mx/atom.xml";
  feed.prev_archive_url = "https://www.municipiochihuahua.gob.mx/archive/2021/07.xml";
  FeedEntry plain = test::seed_entry();
  plain.id = "tag:www.municipiochihuahua.gob.mx,2015:news/2";
  plain.image_url.clear();
  plain.section.clear();
  plain.tags.clear();
  plain.author = "Autora <propia> & \"citada\"";
  plain.summary = std::string("resumen\x1D con \xFE bytes\nen dos líneas");
  plain.updated = Timestamp{1700000000, 0};
  feed.entries.push_back(plain);
  FeedEntry no_summary = test::seed_entry();
  no_summary.id = "tag:www.municipiochihuahua.gob.mx,2015:news/3";
  no_summary.summary.clear();
  feed.entries.push_back(no_summary);
  for (bool full_content : {false, true}) {
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, feed.entries.size()}) {
      BOOST_TEST_CONTEXT("full_content " << full_content << ", " << count << " entries") {
        Feed whole = feed;
        whole.full_content = full_content;
        whole.entries.resize(count);
        Feed head = whole;
        head.entries.clear();
        head.empty_updated = whole.updated();
        std::vector<std::string> texts;
        for (const FeedEntry& entry : whole.entries) texts.push_back(write_atom_entry(whole, entry));
        std::vector<std::string_view> views(texts.begin(), texts.end());
        BOOST_TEST(write_atom_with_entries(head, views) == write_atom(whole));
      }
    }
  }
  BOOST_CHECK_THROW(write_atom_with_entries(feed, {}), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
