// herald against the real Jekyll (Debian's jekyll 4.3 and jekyll-feed):
// one generated Jekyll site built by both, the Atom feeds compared entry by
// entry: URL, title, publication instant and summary. The posts use each
// rule herald takes from Jekyll: permalink dates in the site's time zone,
// :title keeping case and dots, letters of any script in slugs, Ruby's
// date forms, the excerpt of a post without a description, a front-matter
// slug. Skipped, saying so, where Jekyll is not installed.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <string>

#include "feeds/time_zone.h"
#include "feeds/timestamp.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string title;
  std::int64_t published = 0;  // unix seconds
  std::string summary;
  std::string content;  // HTML
};

// Entries of an Atom feed by their alternate link.
std::map<std::string, Entry> atom_entries(const std::string& path) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(path.c_str());
  BOOST_TEST_REQUIRE(static_cast<bool>(parsed), path << ": " << parsed.description());
  std::map<std::string, Entry> entries;
  for (pugi::xml_node entry : doc.child("feed").children("entry")) {
    std::string url;
    for (pugi::xml_node link : entry.children("link")) {
      std::string rel = link.attribute("rel").as_string("alternate");
      if (rel == "alternate" && std::string(link.attribute("type").as_string("text/html")) == "text/html") {
        url = link.attribute("href").as_string();
      }
    }
    std::string error;
    std::optional<Timestamp> published =
        parse_timestamp(entry.child_value("published"), TimeZone::utc(), &error);
    BOOST_TEST_REQUIRE(published.has_value(), error);
    entries[url] = Entry{entry.child_value("title"), published->unix_seconds, entry.child_value("summary"),
                         entry.child_value("content")};
  }
  return entries;
}

// Each post exercises one rule (file name -> front matter and body).
const std::map<std::string, std::string> kPosts = {
    // +0200 on a Los Angeles site: the instant is still May 5 there.
    {"2013-05-06-hello.md", "---\ntitle: Hello\ndate: 2013-05-06 02:12:52 +0200\ndescription: Saludo\n---\nHola.\n"},
    // :title keeps the file name's case.
    {"2015-11-15-Storage.markdown", "---\ntitle: Storage\ndescription: Discos\n---\nTexto.\n"},
    // Dots kept by :title, trailing dots dropped.
    {"2016-10-06-Jekyll-3.0...md", "---\ntitle: Jekyll 3.0\ndescription: Versiones\n---\nTexto.\n"},
    // Letters of any script stay (percent-encoded in the URL).
    {"2021-08-10-Nueva-Ciclovía.md",
     "---\ntitle: Nueva ciclovía\ndate: 2021-08-10 09:00:00 -0600\ndescription: Movilidad\n---\nTexto.\n"},
    // Ruby's Time#to_s with the year repeated.
    {"2023-01-29-ruby-date.md",
     "---\ntitle: Fecha de Ruby\ndate: 2023-01-29 18:30:22 2023 -0800\ndescription: Fechas\n---\nTexto.\n"},
    // No description: the first paragraph is the summary.
    {"2023-03-01-sin-resumen.md",
     "---\ntitle: Sin resumen\ndate: 2023-03-01 10:00:00 -0800\n---\n\n"
     "El **IMM** capacitó a su [personal](https://imm.example/) hoy.\nOtra línea.\n\nSegundo párrafo.\n"},
    // Liquid: the tags Jekyll sites use.
    {"2023-05-01-liquid.md",
     "---\ntitle: Liquid\ndescription: Etiquetas\nautora: Ana\n---\n"
     "Ver {% post_url 2015-11-15-Storage %} y [hola]({% link _posts/2013-05-06-hello.md %}).\n\n"
     "Sitio {{ site.url }}{{ site.baseurl }}; {{ page.title }} de {{ page.autora }}.\n\n"
     "{% raw %}Sin tocar: {{ literal }}{% endraw %}\n\n"
     "{% comment %}oculto{% endcomment %}Visible.\n\n"
     "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"},
    // A front-matter slug wins over the file name.
    {"2023-04-01-nombre-de-archivo.md",
     "---\ntitle: Con slug\nslug: Mi Slug Propio\ndescription: Slugs\n---\nTexto.\n"},
};

BOOST_AUTO_TEST_SUITE(jekyll)

BOOST_AUTO_TEST_CASE(herald_and_jekyll_agree_entry_by_entry) {
  if (!fs::exists("/usr/bin/jekyll")) {
    BOOST_TEST_MESSAGE("skipped: Debian's jekyll and ruby-jekyll-feed are not installed (.ci/packages-test)");
    return;
  }
  TempDir dir;
  for (const auto& [name, text] : kPosts) write_file(dir / ("site/_posts/" + name), text);
  write_file(dir / "site/_config.yml",
             "title: Sitio\nurl: https://example.org\ntimezone: America/Los_Angeles\n"
             "permalink: /:year/:month/:day/:title/\nplugins: [jekyll-feed]\nfeed:\n  posts_limit: 100\n");
  CommandResult jekyll =
      run_command({"/usr/bin/jekyll", "build", "--quiet", "--source", dir / "site", "--destination", dir / "jekyll"},
                  "", {"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "JEKYLL_ENV=production"});
  BOOST_TEST_REQUIRE(jekyll.exit_code == 0, jekyll.out << jekyll.err);

  write_file(dir / "herald.yaml",
             "site:\n  title: Sitio\n  url: https://example.org/\n  author: Sitio\n"
             "  timezone: America/Los_Angeles\n"
             "content:\n  dir: site/_posts\n  permalink: /:year/:month/:day/:title/\n"
             "output:\n  dir: herald\n"
             "feeds:\n  atom_file: atom.xml\n  main:\n    limit: 100\n");
  CommandResult herald = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST_REQUIRE(herald.exit_code == 0, herald.out << herald.err);

  std::map<std::string, Entry> expected = atom_entries(dir / "jekyll/feed.xml");
  std::map<std::string, Entry> got = atom_entries(dir / "herald/atom.xml");
  BOOST_TEST(expected.size() == kPosts.size());
  for (const auto& [url, entry] : expected) {
    auto found = got.find(url);
    BOOST_TEST_REQUIRE((found != got.end()), "herald has no entry at Jekyll's " << url);
    BOOST_TEST(found->second.title == entry.title, url);
    BOOST_TEST(found->second.published == entry.published, url);
    BOOST_TEST(found->second.summary == entry.summary, url);
  }
  BOOST_TEST(got.size() == expected.size());
  // The cases the rules are about, spelled out.
  BOOST_TEST(expected.count("https://example.org/2013/05/05/hello/") == 1u);
  BOOST_TEST(expected.count("https://example.org/2015/11/15/Storage/") == 1u);
  BOOST_TEST(expected.count("https://example.org/2016/10/06/Jekyll-3.0/") == 1u);
  BOOST_TEST(expected.count("https://example.org/2021/08/10/Nueva-Ciclov%C3%ADa/") == 1u);
  BOOST_TEST(expected.at("https://example.org/2023/03/01/sin-resumen/").summary ==
             "El IMM capacitó a su personal hoy. Otra línea.");
  // Liquid: what each tag gives is in both (Jekyll adds Rouge's colouring
  // spans to the code; herald makes links absolute, autolinks bare URLs
  // as GitHub's Markdown does and keeps no class attribute).
  const std::string liquid = "https://example.org/2023/05/01/liquid/";
  for (const char* fragment : {"Ver /2015/11/15/Storage/ y", "/2013/05/05/hello/\">hola</a>",
                               "; Liquid de Ana.", "https://example.org", "Sin tocar: {{ literal }}",
                               "Visible.", "<pre", "puts"}) {
    BOOST_TEST(expected.at(liquid).content.find(fragment) != std::string::npos, "jekyll: " << fragment);
    BOOST_TEST(got.at(liquid).content.find(fragment) != std::string::npos, "herald: " << fragment);
  }
  BOOST_TEST(got.at(liquid).content.find("oculto") == std::string::npos);
  BOOST_TEST(got.at(liquid).content.find("{%") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald::test
