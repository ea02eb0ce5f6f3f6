// End-to-end: the real `herald` binary on generated sites, its output read
// by real consumers (xmllint, jing, feedparser, sfeed).
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "tests/e2e/feed_consumers.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSeedId = "tag:www.municipiochihuahua.gob.mx,2015:news/186509";
constexpr const char* kSeedUrl =
    "https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/"
    "capacita-imm-a-su-personal-sobre-violencia-extrema/";
constexpr const char* kSeedTitle = "Capacita IMM a su personal sobre violencia extrema";
constexpr const char* kSeedImage =
    "https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png";

// A site configuration like the example site's; `main_limit` large enough
// puts every post in the main feed so consumers read them all.
std::string site_config(int main_limit) {
  return R"(site:
  title: "Noticias del Municipio de Chihuahua"
  url: "https://www.municipiochihuahua.gob.mx/"
  description: "Noticias del Gobierno Municipal de Chihuahua"
  language: es-MX
  author: "Gobierno Municipal de Chihuahua"
  timezone: America/Chihuahua
content:
  dir: content
  permalink: "/noticias/:year/:month/:day/:slug/"
  fields:
    id: news_id
output:
  dir: public
feeds:
  entry_id: "tag:www.municipiochihuahua.gob.mx,2015:news/{id}"
  main:
    limit: )" + std::to_string(main_limit) + R"(
  sections:
    dir: "secciones/{slug}/"
  tags:
    dir: "etiquetas/{slug}/"
    content: summary
)";
}

CommandResult herald(const std::vector<std::string>& args, const std::string& cwd = "") {
  std::vector<std::string> argv{herald_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd);
}

// The generated site of 2,000 posts plus the seed, built once for the suite.
struct BigSite {
  TempDir dir;
  CommandResult first_build;
  BigSite() {
    CommandResult gen = run_command({"/usr/bin/python3", shared_dir() + "/corpus/make_corpus.py",
                                     "2000", dir / "content"});
    BOOST_REQUIRE_EQUAL(gen.exit_code, 0);
    fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
    write_file(dir / "herald.yaml", site_config(5000));
    first_build = herald({"build", "--config", dir / "herald.yaml"});
  }
  std::vector<std::string> outputs(const std::string& suffix) const {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir / "public")) {
      if (e.is_regular_file() && e.path().string().ends_with(suffix)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  }
};

const BigSite& big_site() {
  static BigSite site;
  return site;
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[e.path()] = read_file(e.path());
  }
  return files;
}

const SfeedItem* find_item(const std::vector<SfeedItem>& items, const std::string& id) {
  for (const SfeedItem& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_build)

BOOST_AUTO_TEST_CASE(builds_2000_posts_and_every_consumer_accepts_every_file) {
  const BigSite& site = big_site();
  BOOST_TEST_INFO(site.first_build.err);
  BOOST_TEST(site.first_build.exit_code == 0);
  BOOST_TEST(site.first_build.err.empty());
  BOOST_TEST(site.first_build.out.find("2001 post files, 2001 read, 2001 published") !=
             std::string::npos);

  std::vector<std::string> rss = site.outputs("rss.xml");
  std::vector<std::string> atom = site.outputs("atom.xml");
  std::vector<std::string> json = site.outputs("feed.json");
  // main + 10 sections + 35 tags (the seed's two are among the generator's).
  BOOST_TEST(rss.size() == 1u + 10u + 35u);
  BOOST_TEST(atom.size() == rss.size());
  BOOST_TEST(json.size() == rss.size());

  std::vector<std::string> xml = rss;
  xml.insert(xml.end(), atom.begin(), atom.end());
  xml.push_back(site.dir / "public/feed.xsl");
  BOOST_TEST(xmllint_problems(xml) == "");
  BOOST_TEST(jing_atom_problems(atom) == "");
  std::vector<std::string> parsed = rss;
  parsed.insert(parsed.end(), atom.begin(), atom.end());
  BOOST_TEST(feedparser_problems(parsed) == "");
  BOOST_TEST(json_feed_problems(json) == "");
}

BOOST_AUTO_TEST_CASE(readers_see_the_seed_post_exactly) {
  const BigSite& site = big_site();
  std::vector<SfeedItem> atom = sfeed_items(site.dir / "public/atom.xml");
  BOOST_TEST(atom.size() == 2001u);
  const SfeedItem* seed = find_item(atom, kSeedId);
  BOOST_REQUIRE(seed);
  BOOST_TEST(seed->title == kSeedTitle);
  BOOST_TEST(seed->link == kSeedUrl);
  BOOST_TEST(seed->timestamp == "1628633820");
  BOOST_TEST(seed->enclosure == kSeedImage);
  BOOST_TEST(seed->author == "Gobierno Municipal de Chihuahua");  // `author: nil` is absent
  BOOST_TEST(seed->content.find("https://www.facebook.com/www.immujereschihuahua.org</a>.") !=
             std::string::npos);

  std::vector<SfeedItem> rss = sfeed_items(site.dir / "public/rss.xml");
  const SfeedItem* rss_seed = find_item(rss, kSeedId);
  BOOST_REQUIRE(rss_seed);
  BOOST_TEST(rss_seed->title == kSeedTitle);
  BOOST_TEST(rss_seed->link == kSeedUrl);
  BOOST_TEST(rss_seed->timestamp == "1628633820");

  std::vector<SfeedItem> tag = sfeed_items(site.dir / "public/etiquetas/imm/rss.xml");
  BOOST_TEST(!tag.empty());
  BOOST_TEST(tag.size() <= 50u);
}

BOOST_AUTO_TEST_CASE(absent_markers_never_reach_the_output) {
  const BigSite& site = big_site();
  for (const std::string& file : site.outputs("")) {
    std::string bytes = read_file(file);
    BOOST_TEST_INFO(file);
    BOOST_TEST(bytes.find(">nil<") == std::string::npos);
    BOOST_TEST(bytes.find("\"nil\"") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_second_build_rewrites_nothing_and_is_byte_identical) {
  const BigSite& site = big_site();
  auto before = snapshot(site.dir / "public");
  struct stat st_before {};
  ::stat((site.dir / "public/rss.xml").c_str(), &st_before);
  CommandResult again = herald({"build", "--config", site.dir / "herald.yaml"});
  BOOST_TEST(again.exit_code == 0);
  BOOST_TEST(again.out.find("wrote 0 of " + std::to_string(before.size()) + " feed files (" +
                            std::to_string(before.size()) + " unchanged)") != std::string::npos);
  struct stat st_after {};
  ::stat((site.dir / "public/rss.xml").c_str(), &st_after);
  BOOST_TEST(st_before.st_ino == st_after.st_ino);
  BOOST_TEST(st_before.st_mtim.tv_nsec == st_after.st_mtim.tv_nsec);
  BOOST_TEST((snapshot(site.dir / "public") == before));
}

BOOST_AUTO_TEST_CASE(an_image_under_static_dir_is_an_rss_enclosure_with_its_size) {
  TempDir dir;
  write_file(dir / "content/000_cd72f1639913488c.txt", read_file(seed_post_path()));
  write_file(dir / "www/uploads/2021/images-unnamed.png", std::string(48213, 'x'));
  std::string config = site_config(50);
  config.insert(config.find("  timezone:"), "  static_dir: " + std::string(dir / "www") + "\n");
  write_file(dir / "herald.yaml", config);
  CommandResult build = herald({"build", "--config", dir / "herald.yaml"});
  BOOST_TEST_REQUIRE(build.exit_code == 0, build.err);
  std::string rss = read_file(dir / "public/rss.xml");
  BOOST_TEST(rss.find(std::string("<enclosure url=\"") + kSeedImage +
                      "\" length=\"48213\" type=\"image/png\" />") != std::string::npos);
  // sfeed reads the enclosure (it does not read media:content).
  std::vector<SfeedItem> items = sfeed_items(dir / "public/rss.xml");
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].enclosure == kSeedImage);
  // Without the file, no enclosure (RSS 2.0 needs its length).
  fs::remove(dir / "www/uploads/2021/images-unnamed.png");
  build = herald({"build", "--config", dir / "herald.yaml"});
  BOOST_TEST(read_file(dir / "public/rss.xml").find("<enclosure") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
