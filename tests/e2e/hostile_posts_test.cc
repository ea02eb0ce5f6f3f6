// Hostile posts end to end (issue 13): the real `herald build` on the seed
// post plus one hostile post per reproduction. The hostile post is refused
// with its budget and key (or published without its unsafe image), the
// seed post's feeds are written, complete and valid for real consumers.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/e2e/feed_consumers.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfig =
    "site: {title: T, url: \"https://example.org/\", author: A}\n"
    "content: {dir: content}\noutput: {dir: public}\n";
std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

std::string hostile(std::string_view front, std::string_view body) {
  return "---\ntitle: Hostil\ndate: 2021-01-01T00:00:00Z\n" + std::string(front) + "---\n" +
         std::string(body);
}

struct HostileSite {
  TempDir dir;
  // `more` is added to the configuration.
  explicit HostileSite(const std::string& post, const std::string& more = "") {
    fs::create_directories(dir / "content");
    fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
    write_file(dir / "content/hostile.md", post);
    write_file(dir / "herald.yaml", kConfig + more);
  }
  CommandResult build() const {
    return run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  }
  std::string located(const std::string& rest) const { return dir / "content/hostile.md" + rest; }

  // The seed post's feeds: written, valid, and the hostile post not in them.
  void require_seed_feeds(bool hostile_listed) const {
    std::vector<std::string> xml = {dir / "public/rss.xml", dir / "public/atom.xml"};
    BOOST_TEST(xmllint_problems(xml) == "");
    BOOST_TEST(jing_atom_problems({dir / "public/atom.xml"}) == "");
    BOOST_TEST(feedparser_problems(xml) == "");
    BOOST_TEST(json_feed_problems({dir / "public/feed.json"}) == "");
    std::string rss = read_file(dir / "public/rss.xml");
    BOOST_TEST(rss.find("Capacita IMM a su personal sobre violencia extrema") != std::string::npos);
    BOOST_TEST((rss.find("<title>Hostil</title>") != std::string::npos) == hostile_listed);
  }
};

std::string refused(const HostileSite& site, const std::string& error) {
  CommandResult r = site.build();
  BOOST_TEST(r.exit_code == 1);
  site.require_seed_feeds(false);
  BOOST_TEST(r.err == site.located(error) + "\n");
  return r.out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_hostile_posts)

BOOST_AUTO_TEST_CASE(deep_block_quotes_are_refused_not_a_crash) {
  HostileSite site(hostile("", repeat(">", 100000) + " a\n"));
  refused(site, ":5:65: error: Markdown nests deeper than 64 levels (block quotes, lists, "
                "emphasis); simplify the post or raise content.markdown.max_nesting");
}

BOOST_AUTO_TEST_CASE(deep_raw_html_is_refused) {
  HostileSite site(hostile("", repeat("<div>", 100000) + "\n"));
  refused(site, ":5:1: error: raw HTML has more than 2000 tags; simplify the post or raise "
                "content.markdown.max_html_tags");
}

BOOST_AUTO_TEST_CASE(two_thousand_tags_are_refused) {
  std::string tags = "tags: \"t0";
  for (int i = 1; i < 2000; ++i) tags += ",t" + std::to_string(i);
  HostileSite site(hostile(tags + "\"\n", "a\n"));
  refused(site, ":4:7: error: more than 100 tags; keep the ones readers follow or raise "
                "content.max_tags");
  BOOST_TEST(!fs::exists(site.dir / "public/tags/t0"));
}

BOOST_AUTO_TEST_CASE(a_huge_table_is_refused) {
  std::string table = "|" + repeat("a|", 600) + "\n|" + repeat("-|", 600) + "\n" + repeat("|\n", 3000);
  HostileSite site(hostile("", table));
  refused(site, ":21:1: error: tables have more than 10000 cells; simplify the post or raise "
                "content.markdown.max_table_cells");
}

BOOST_AUTO_TEST_CASE(a_javascript_image_never_reaches_a_feed) {
  HostileSite site(hostile("image: \"javascript:alert(1)\"\n", "a\n"));
  CommandResult r = site.build();
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err == site.located(":4:8: warning: field 'image' is not an http(s) URL or a path; "
                                   "the post is published without its image\n"));
  site.require_seed_feeds(true);
  for (const char* file : {"public/rss.xml", "public/atom.xml", "public/feed.json"}) {
    BOOST_TEST(read_file(site.dir / file).find("javascript:") == std::string::npos, file);
  }
}

// feeds.max_feeds: 50 tags each under content.max_tags, but past the
// site's feed budget.
BOOST_AUTO_TEST_CASE(tags_past_the_feed_budget_are_refused) {
  std::string tags = "tags: [t0";
  for (int i = 1; i < 50; ++i) tags += ", t" + std::to_string(i);
  HostileSite site(hostile(tags + "]\n", "a\n"), "feeds: {max_feeds: 20}\n");
  refused(site, ": error: would add feeds for tag 't0' and 49 more to the site's 3 section and "
                "tag feeds, more than feeds.max_feeds (20); use sections and tags the site "
                "already has, or raise feeds.max_feeds");
  BOOST_TEST(!fs::exists(site.dir / "public/tags/t0"));
}

// output.max_bytes: a post whose body fills the feeds past the budget;
// nothing is written, so the feeds of the last build stay.
BOOST_AUTO_TEST_CASE(feeds_past_the_output_budget_are_not_written) {
  HostileSite site(hostile("", "a\n"));
  BOOST_REQUIRE(site.build().exit_code == 0);
  std::string before = read_file(site.dir / "public/rss.xml");
  write_file(site.dir / "content/hostile.md", hostile("", repeat("palabra ", 80'000) + "\n"));
  std::string config = kConfig;
  config.replace(config.find("{dir: public}"), 13, "{dir: public, max_bytes: 1048576}");
  write_file(site.dir / "herald.yaml", config);
  CommandResult r = site.build();
  BOOST_TEST(r.exit_code == 2);  // as for any feed it cannot write
  BOOST_TEST(r.err.find("the feeds would take 2 MiB, more than output.max_bytes (1 MiB); the "
                        "feeds keep their last version") != std::string::npos, r.err);
  BOOST_TEST(read_file(site.dir / "public/rss.xml") == before);
  // The build streams its files into temporaries: none is left behind.
  for (const auto& entry : fs::recursive_directory_iterator(site.dir / "public")) {
    BOOST_TEST(entry.path().filename().string().find(".tmp-") == std::string::npos, entry.path());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
