// End-to-end: the whole archive (RFC 5005) and the sitemaps, written by the
// real `herald build` and kept by `herald run`, read by real consumers:
// python3-feedparser walks prev-archive from the subscription feed, xmllint
// checks the sitemaps against the published schemas (tests/support/schemas).
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/feed_consumers.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

// Walks the archive from the subscription document: prints "documents
// entries most-seen" and one line per problem. argv: output dir, site URL.
constexpr const char* kWalkScript = R"(
import os, sys, feedparser
root, site = sys.argv[1], sys.argv[2]
def local(url):
    if not url.startswith(site):
        print('foreign link', url); sys.exit(0)
    return os.path.join(root, url[len(site):])
def link(doc, rel):
    for l in doc.feed.get('links', []):
        if l.get('rel') == rel:
            return l['href']
    return None
current = site + 'atom.xml'
seen, docs, newer = {}, 0, None
url = link(feedparser.parse(local(current)), 'prev-archive')
while url:
    path = local(url)
    doc = feedparser.parse(path)
    docs += 1
    if doc.bozo: print('bozo', url, doc.bozo_exception)
    if b'<fh:archive />' not in open(path, 'rb').read(): print('no fh:archive in', url)
    if link(doc, 'current') != current: print('current of', url, 'is', link(doc, 'current'))
    if link(doc, 'next-archive') != newer: print('next-archive of', url, 'is', link(doc, 'next-archive'), 'not', newer)
    for e in doc.entries: seen[e.id] = seen.get(e.id, 0) + 1
    newer, url = url, link(doc, 'prev-archive')
print(docs, len(seen), max(seen.values()) if seen else 0)
)";

struct Walk {
  int documents = 0;
  int entries = 0;
  int most_seen = 0;
  std::string problems;
};

Walk walk_archive(const std::string& output, const std::string& site_url) {
  CommandResult r = run_command({"/usr/bin/python3", "-c", kWalkScript, output + "/", site_url});
  BOOST_TEST(r.exit_code == 0, r.err);
  Walk walk;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::string> all;
  while (std::getline(lines, line)) all.push_back(line);
  BOOST_REQUIRE(!all.empty());
  std::istringstream last(all.back());
  last >> walk.documents >> walk.entries >> walk.most_seen;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) walk.problems += all[i] + "\n";
  return walk;
}

std::string schema(const std::string& name) {
  return source_dir() + "/tests/support/schemas/" + name;
}

// xmllint --schema: "" when every file is valid.
std::string schema_problems(const std::string& xsd, const std::vector<std::string>& files) {
  std::vector<std::string> argv{"xmllint", "--noout", "--schema", schema(xsd)};
  argv.insert(argv.end(), files.begin(), files.end());
  CommandResult r = run_command(argv);
  return r.exit_code == 0 ? "" : r.err;
}

std::vector<std::string> files_under(const std::string& dir) {
  std::vector<std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    // Not the daemon's temporaries (".rss.xml.tmp-XXXXXX"), renamed or gone a moment later.
    if (e.is_regular_file() && !e.path().filename().string().starts_with(".")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const std::string& path : files_under(dir)) {
    files[path.substr(dir.size() + 1)] = read_file(path);
  }
  return files;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string hours_ago(int hours) { return rfc3339(std::time(nullptr) - hours * 3600); }

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_archive)

BOOST_AUTO_TEST_CASE(every_post_is_in_exactly_one_archive_document_and_one_sitemap) {
  TempDir dir;
  CommandResult gen = run_command({"/usr/bin/python3", shared_dir() + "/corpus/make_corpus.py",
                                   "1500", dir / "content"});
  BOOST_REQUIRE_EQUAL(gen.exit_code, 0);
  fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
  // Two fresh posts for the news sitemap.
  write_file(dir / "content/fresh1.md", post(900001, "Noticia de hoy", hours_ago(1)));
  write_file(dir / "content/fresh2.md", post(900002, "Noticia de ayer & <más>", hours_ago(30)));
  write_file(dir / "herald.yaml", R"(site:
  title: "Noticias del Municipio de Chihuahua"
  url: "https://www.municipiochihuahua.gob.mx/"
  language: es-MX
  author: "Gobierno Municipal de Chihuahua"
  timezone: America/Chihuahua
content:
  dir: content
  permalink: "/noticias/:year/:month/:day/:slug/"
  fields: {id: news_id}
output: {dir: public}
feeds:
  sections: {dir: "secciones/{slug}/", archive: true}
  tags: {dir: "etiquetas/{slug}/"}
)");
  CommandResult build = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST_REQUIRE(build.exit_code == 0, build.err);
  BOOST_TEST(build.out.find("1503 published") != std::string::npos, build.out);
  const std::string output = dir / "public";
  const std::string site = "https://www.municipiochihuahua.gob.mx/";

  Walk walk = walk_archive(output, site);
  BOOST_TEST(walk.problems == "");
  BOOST_TEST(walk.entries == 1503);
  BOOST_TEST(walk.most_seen == 1);
  std::vector<std::string> archives = files_under(output + "/archive");
  BOOST_TEST(walk.documents == static_cast<int>(archives.size()));
  BOOST_TEST(archives.size() > 100u);  // eleven years of months
  BOOST_TEST(xmllint_problems(archives) == "");
  BOOST_TEST(jing_atom_problems(archives) == "");
  BOOST_TEST(feedparser_problems(archives) == "");

  // A section's archive: its own chain, its own posts.
  Walk section = walk_archive(output + "/secciones/salud", site + "secciones/salud/");
  BOOST_TEST(section.problems == "");
  BOOST_TEST(section.most_seen == 1);
  BOOST_TEST(section.entries > 0);
  BOOST_TEST(section.entries < 1503);
  BOOST_TEST(!fs::exists(output + "/etiquetas/obras/archive"));  // tags keep none by default

  // Sitemaps: the index names every monthly sitemap, which list every post once.
  std::vector<std::string> monthly = files_under(output + "/sitemaps");
  BOOST_TEST(schema_problems("siteindex.xsd", {output + "/sitemap.xml"}) == "");
  BOOST_TEST(schema_problems("sitemap.xsd", monthly) == "");
  std::string index = read_file(output + "/sitemap.xml");
  BOOST_TEST(count(index, "<sitemap>") == monthly.size());
  std::set<std::string> urls;
  std::size_t listed = 0;
  for (const std::string& file : monthly) {
    std::string bytes = read_file(file);
    for (std::size_t at = bytes.find("<loc>"); at != std::string::npos; at = bytes.find("<loc>", at + 1)) {
      urls.insert(bytes.substr(at + 5, bytes.find("</loc>", at) - at - 5));
      ++listed;
    }
  }
  BOOST_TEST(listed == 1503u);
  BOOST_TEST(urls.size() == 1503u);
  BOOST_TEST(urls.count("https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/"
                        "capacita-imm-a-su-personal-sobre-violencia-extrema/") == 1u);

  // The news sitemap: the two fresh posts, newest first, valid against
  // Google's schema with the sitemaps.org one.
  std::string news = read_file(output + "/news-sitemap.xml");
  BOOST_TEST(schema_problems("news-sitemap.xsd", {output + "/news-sitemap.xml"}) == "");
  BOOST_TEST(count(news, "<url>") == 2u);
  BOOST_TEST(news.find("<news:name>Noticias del Municipio de Chihuahua</news:name>") != std::string::npos);
  BOOST_TEST(news.find("<news:language>es</news:language>") != std::string::npos);
  BOOST_TEST(news.find("Noticia de hoy") < news.find("Noticia de ayer &amp; &lt;más&gt;"));

  // A second build changes nothing.
  auto before = snapshot(output);
  CommandResult again = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST(again.exit_code == 0);
  BOOST_TEST((snapshot(output) == before));
}

BOOST_AUTO_TEST_CASE(a_new_post_touches_only_the_subscription_feeds_and_the_newest_archive) {
  Site site(20);  // January 2024
  write_file(site.content("nov.md"), post(3001, "Noviembre", "2023-11-15T10:00:00-06:00"));
  write_file(site.content("feb.md"), post(3002, "Febrero", "2024-02-15T10:00:00-06:00"));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  const std::string output = site.dir / "public";
  const std::string url = "https://noticias.example.org/";
  BOOST_TEST(fs::exists(output + "/archive/2024/02.xml"));
  BOOST_TEST(walk_archive(output, url).entries == 22);
  auto before = snapshot(output);

  // A post of this month: its month is new, February gains next-archive.
  std::time_t now = std::time(nullptr);
  char month[16];
  std::strftime(month, sizeof month, "%Y/%m", std::gmtime(&now));
  write_file(site.content("hoy.md"), post(3003, "Hoy", hours_ago(0)));
  BOOST_TEST(wait_until([&] { return site.feed_has("Hoy", "atom.xml") && site.feed_has("Hoy", "news-sitemap.xml"); }, kChange),
             daemon.log());
  // The month of "now" in Chihuahua may differ from UTC's for a few hours:
  // read the newest archive's name from the subscription feed.
  std::string atom = site.feed("atom.xml");
  std::size_t prev = atom.find("rel=\"prev-archive\"");
  BOOST_REQUIRE(prev != std::string::npos);
  std::size_t href = atom.find(url, prev) + url.size();
  std::string newest = atom.substr(href, atom.find('"', href) - href);
  BOOST_TEST_INFO(month << " " << newest);
  auto after = snapshot(output);
  std::vector<std::string> changed;
  for (const auto& [path, bytes] : after) {
    auto old = before.find(path);
    if (old == before.end() || old->second != bytes) changed.push_back(path);
  }
  std::string sitemap_month = newest.substr(8, 4) + "-" + newest.substr(13, 2) + ".xml";
  std::vector<std::string> expected = {"archive/2024/02.xml", newest, "atom.xml", "etiquetas/obras/atom.xml",
                                       "etiquetas/obras/feed.html", "etiquetas/obras/feed.json",
                                       "etiquetas/obras/rss.xml", "feed.html", "feed.json", "news-sitemap.xml",
                                       "rss.xml", "secciones/local/atom.xml", "secciones/local/feed.html",
                                       "secciones/local/feed.json", "secciones/local/rss.xml", "sitemap.xml",
                                       "sitemaps/" + sitemap_month};
  std::sort(expected.begin(), expected.end());
  BOOST_TEST(changed == expected, boost::test_tools::per_element());
  Walk walk = walk_archive(output, url);
  BOOST_TEST(walk.problems == "");
  BOOST_TEST(walk.entries == 23);
  BOOST_TEST(walk.most_seen == 1);

  // A second post of the same month: February stays as it is.
  before = after;
  write_file(site.content("hoy2.md"), post(3004, "Hoy otra", hours_ago(0)));
  BOOST_TEST(wait_until([&] { return site.feed_has("Hoy otra", "atom.xml"); }, kChange), daemon.log());
  BOOST_TEST(wait_until([&] { return read_file(output + "/" + newest).find("Hoy otra") != std::string::npos; }, kChange));
  after = snapshot(output);
  BOOST_TEST(after.at("archive/2024/02.xml") == before.at("archive/2024/02.xml"));
  BOOST_TEST(after.at("archive/2024/01.xml") == before.at("archive/2024/01.xml"));
  BOOST_TEST(after.at("archive/2023/11.xml") == before.at("archive/2023/11.xml"));

  // Deleting February's only post: its documents go, January and the
  // newest month link each other.
  fs::remove(site.content("feb.md"));
  BOOST_TEST(wait_until([&] { return !fs::exists(output + "/archive/2024/02.xml"); }, kChange), daemon.log());
  BOOST_TEST(wait_until([&] { return !fs::exists(output + "/sitemaps/2024-02.xml"); }, kChange));
  BOOST_TEST(read_file(output + "/archive/2024/01.xml").find(url + newest) != std::string::npos);
  walk = walk_archive(output, url);
  BOOST_TEST(walk.problems == "");
  BOOST_TEST(walk.entries == 23);
  BOOST_TEST(schema_problems("siteindex.xsd", {output + "/sitemap.xml"}) == "");
  BOOST_TEST(read_file(output + "/sitemap.xml").find("2024-02") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
