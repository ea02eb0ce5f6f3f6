#include "tests/feeds/feed_writer_fixture.h"

#include "feeds/feed_writers.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

constexpr const char* kSite = "https://www.municipiochihuahua.gob.mx/";

constexpr const char* kFeedparserScript = R"PY(
import calendar, sys, feedparser
d = feedparser.parse(sys.argv[1])
print("bozo=%d" % d.bozo)
print("feed.title=" + d.feed.get("title", ""))
if d.entries:
    e = d.entries[0]
    print("title=" + e.get("title", ""))
    print("link=" + e.get("link", ""))
    print("id=" + e.get("id", ""))
    print("published=" + e.get("published", ""))
    print("published_parsed=%d" % calendar.timegm(e.published_parsed))
    print("author=" + e.get("author", ""))
)PY";

}  // namespace

FeedEntry seed_entry() {
  FeedEntry entry;
  entry.id = "tag:www.municipiochihuahua.gob.mx,2015:news/186509";
  entry.url = std::string(kSite) +
              "noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
  entry.title = "Capacita IMM a su personal sobre violencia extrema";
  entry.summary =
      "El diplomado tiene como objetivo establecer un proceso de profesionalización";
  entry.content_html =
      "<p>Como parte de la capacitación constante, el IMM brinda un diplomado.</p>\n"
      "<p>Horario: 9 < 15 horas; fin del bloque ]]> aquí.</p>";
  entry.published = Timestamp{1628633820, -360};
  entry.updated = entry.published;
  entry.author = "Gobierno Municipal de Chihuahua";
  entry.section = "Local";
  entry.tags = {"IMM", "capacitación"};
  entry.image_url = std::string(kSite) + "uploads/2021/images-unnamed.png";
  entry.image_alt = "Capacita IMM a su personal sobre violencia extrema";
  entry.image_type = "image/png";
  return entry;
}

Feed seed_feed() {
  Feed feed;
  feed.id = "tag:www.municipiochihuahua.gob.mx,2015:feed";
  feed.title = "Noticias del Municipio de Chihuahua";
  feed.description = "Noticias del Gobierno Municipal de Chihuahua";
  feed.language = "es-MX";
  feed.home_url = kSite;
  feed.author = "Gobierno Municipal de Chihuahua";
  feed.icon_url = std::string(kSite) + "favicon.png";
  feed.logo_url = std::string(kSite) + "images/logo.png";
  feed.generator_name = "herald";
  feed.generator_version = "0.1.0";
  feed.generator_uri = "https://example.org/herald";
  feed.links = {{FeedFormat::rss, std::string(kSite) + "rss.xml"},
                {FeedFormat::atom, std::string(kSite) + "atom.xml"},
                {FeedFormat::json, std::string(kSite) + "feed.json"}};
  feed.hubs = {"https://pubsubhubbub.appspot.com/"};
  feed.stylesheet_url = std::string(kSite) + "feed.xsl";
  feed.section_scheme = std::string(kSite) + "sections/";
  feed.tag_scheme = std::string(kSite) + "tags/";
  feed.entries = {seed_entry()};
  feed.empty_updated = Timestamp{946684800, 0};
  return feed;
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

bool rewrites_same_bytes(FeedFormat format, const std::string& bytes) {
  Feed feed = seed_feed();
  Feed copy = feed;
  return write_feed(feed, format) == bytes && write_feed(feed, format) == bytes &&
         write_feed(copy, format) == bytes;
}

std::string xmllint_errors(const std::string& path) {
  CommandResult r = run_command({"xmllint", "--noout", "--nonet", path});
  if (r.exit_code == 0 && r.err.empty()) return "";
  return "exit " + std::to_string(r.exit_code) + ": " + r.err;
}

std::string feedparser_view(const std::string& path) {
  CommandResult r = run_command({"/usr/bin/python3", "-c", kFeedparserScript, path});
  return r.exit_code == 0 ? r.out : "exit " + std::to_string(r.exit_code) + ": " + r.err;
}

std::string seed_feedparser_view(const std::string& published) {
  FeedEntry entry = seed_entry();
  return "bozo=0\nfeed.title=" + seed_feed().title + "\ntitle=" + entry.title +
         "\nlink=" + entry.url + "\nid=" + entry.id + "\npublished=" + published +
         "\npublished_parsed=1628633820\nauthor=" + entry.author + "\n";
}

}  // namespace herald::test
