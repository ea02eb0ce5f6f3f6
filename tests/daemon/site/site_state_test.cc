#include "daemon/site/site_state.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "daemon/site/build_manifest.h"
#include "daemon/site/sqlite_catalog_store.h"
#include "feeds/head_snippet.h"
#include "tests/daemon/site/fake_site_files.h"
#include "tests/support/log_capture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::FakeSiteFiles;
using test::TempDir;
using Paths = std::vector<std::string>;

const Timestamp kNow{1'640'995'200, 0};  // 2022-01-01, after every post

// Without archives and sitemaps unless `archives` (their own tests, below).
Config site_config(bool archives = false) {
  ConfigResult result = parse_config(
      "site: {title: T, url: https://example.org, author: A, timezone: America/Chihuahua}\n"
      "content: {dir: content, fields: {id: post_id}}\n"
      "output: {dir: public}\n" +
          std::string(archives ? "" : "feeds: {main: {archive: false}, sitemap: false, news_sitemap: false}\n"),
      "/site/herald.yaml");
  BOOST_TEST_REQUIRE(result.errors.empty(),
                     (result.errors.empty() ? "" : result.errors[0].to_string()));
  return *result.config;
}

std::string post_text(const std::string& id, const std::string& title, const std::string& section,
                      const std::string& tags, int day = 10) {
  return "---\npost_id: " + id + "\ntitle: \"" + title + "\"\ndate: 2021-08-" +
         (day < 10 ? "0" : "") + std::to_string(day) + "T16:17:00.000-06:00\nsection: " + section + "\ntags: [" + tags +
         "]\n---\nCuerpo de " + id + ".\n";
}

// The three formats and the page of each feed directory ("" for the main
// feed), as output paths, sorted.
Paths feeds_in(const std::string& output, const std::vector<std::string>& dirs) {
  Paths out;
  for (const std::string& dir : dirs) {
    for (const char* file : {"atom.xml", "feed.html", "feed.json", "rss.xml"}) {
      out.push_back(output + "/" + dir + file);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// `paths`, the head snippet and the feeds page (written when the set of
// feeds changes).
Paths with_head_snippet(const std::string& output, Paths paths) {
  paths.push_back(output + "/" + kHeadSnippetFile);
  paths.push_back(output + "/" + kFeedsIndexFile);
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> ids_of(const std::vector<PostEdit>& edits) {
  std::vector<std::string> out;
  for (const PostEdit& edit : edits) out.push_back(edit.id);
  return out;
}

std::vector<std::string> texts(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  for (const Diagnostic& error : errors) out.push_back(error.to_string());
  return out;
}

// Three posts loaded: a (Local, rio), b (Mundo, sol), e (Cultura, arte).
struct Site {
  FakeSiteFiles files;
  Config config;
  TempDir state_dir;
  std::unique_ptr<CatalogStore> store;  // with `stored`: a real one in state_dir
  SiteState state;
  ChangeReport loaded;

  explicit Site(Config c = site_config(), bool stored = false)
      : config(std::move(c)),
        store(stored ? SqliteCatalogStore::open(state_dir / "state", "fp").store : nullptr),
        state(config, store.get(), files) {
    write("a.md", post_text("a", "Alfa", "Local", "rio", 1));
    write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
    write("e.md", post_text("e", "Eco", "Cultura", "arte", 3));
    loaded = state.load(kNow);
    BOOST_TEST_REQUIRE(texts(loaded.errors) == std::vector<std::string>{},
                       boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(state.catalog().size() == 3u);
    files.take_written();
  }
  std::string content(const std::string& relative) const { return config.content.dir + "/" + relative; }
  void write(const std::string& relative, const std::string& text) { files.put(content(relative), text); }
  Paths feeds(const std::vector<std::string>& dirs) const { return feeds_in(config.output.dir, dirs); }
  // Post a (Local, rio) left, its last version as loaded: the main feed
  // written, the Local and rio feeds (a was their only post) deleted, one
  // edit reported.
  void expect_a_removed(const ChangeReport& r) {
    BOOST_TEST(r.files == 1u);
    BOOST_TEST(r.read == 0u);
    BOOST_TEST(r.posts_changed == 1u);
    BOOST_TEST(r.errors.empty());
    BOOST_TEST(state.catalog().find("a") == nullptr);
    BOOST_TEST(files.take_written() == with_head_snippet(config.output.dir, feeds({""})),
               boost::test_tools::per_element());
    BOOST_TEST(files.take_removed() == feeds({"sections/local/", "tags/rio/"}),
               boost::test_tools::per_element());
    BOOST_TEST(r.files_deleted == 8u);
    BOOST_REQUIRE(r.post_edits.size() == 1u);
    BOOST_TEST(r.post_edits[0].id == "a");
    BOOST_REQUIRE(r.post_edits[0].before);
    BOOST_TEST(r.post_edits[0].before->title == "Alfa");
  }
  std::string title_of(const std::string& id) const {
    const Post* post = state.catalog().find(id);
    return post ? post->title : "(none)";
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(site_state)

BOOST_AUTO_TEST_CASE(load_writes_every_feed_through_the_files) {
  Site site;
  // main, 3 sections, 3 tags: 7 feeds of 3 formats, the stylesheet, the
  // head snippet and the feeds page.
  BOOST_TEST(site.loaded.files == 3u);
  BOOST_TEST(site.loaded.files_written == 31u);
  BOOST_TEST(site.files.exists(site.config.output.dir + "/feeds-head.html"));
  BOOST_TEST(site.files.exists(site.config.output.dir + "/feed.xsl"));
  BOOST_TEST(site.files.exists(site.config.output.dir + "/tags/rio/rss.xml"));
  BOOST_TEST((site.files.durabilities() == std::vector<Durability>{Durability::sync_then_rename}));
}

// `herald run` is READY once the feeds are written: the catalog cache
// records the posts read after that, and a restart then reuses them.
BOOST_AUTO_TEST_CASE(a_load_reports_its_feeds_written_before_it_saves_the_posts_read) {
  FakeSiteFiles files;
  Config config = site_config();
  TempDir state_dir;
  std::unique_ptr<CatalogStore> store = SqliteCatalogStore::open(state_dir / "state", "fp").store;
  BOOST_REQUIRE(store);
  files.put(config.content.dir + "/a.md", post_text("a", "Alfa", "Local", "rio", 1));
  files.put(config.content.dir + "/b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  SiteState state(config, store.get(), files);
  std::size_t rows_when_rendered = 99;
  bool feed_when_rendered = false;
  ChangeReport loaded = state.load(kNow, [&] {
    std::vector<StoredEntry> rows;
    BOOST_TEST(store->load(&rows).ok());
    rows_when_rendered = rows.size();
    feed_when_rendered = files.exists(config.output.dir + "/rss.xml");
  });
  BOOST_TEST(loaded.read == 2u);
  BOOST_TEST(feed_when_rendered);
  BOOST_TEST(rows_when_rendered == 0u);
  std::vector<StoredEntry> rows;
  BOOST_TEST_REQUIRE(store->load(&rows).ok());
  BOOST_TEST(rows.size() == 2u);

  SiteState again(config, store.get(), files);
  ChangeReport restarted = again.load(kNow);
  BOOST_TEST(restarted.unchanged == 2u);
  BOOST_TEST(restarted.read == 0u);
}

// A feed that could not be written: the feeds on disk are not current, so
// `herald run` does not say READY before the load's end (and its report).
BOOST_AUTO_TEST_CASE(a_load_with_a_failed_write_does_not_report_its_feeds_written) {
  FakeSiteFiles files;
  Config config = site_config();
  files.put(config.content.dir + "/a.md", post_text("a", "Alfa", "Local", "rio", 1));
  files.fail_writes_to(config.output.dir + "/rss.xml");
  SiteState state(config, nullptr, files);
  bool rendered = false;
  ChangeReport loaded = state.load(kNow, [&] { rendered = true; });
  BOOST_TEST(!loaded.write_errors.empty());
  BOOST_TEST(!rendered);
}

BOOST_AUTO_TEST_CASE(a_change_rewrites_its_months_archive_and_sitemap) {
  Site site(site_config(true));
  // Load: 31 files as without archives, the month's archive (August 2021),
  // its sitemap, the sitemap index and the news sitemap.
  BOOST_TEST(site.loaded.files_written == 35u);
  site.write("f.md", post_text("f", "Efe", "Cultura", "", 20));
  ChangeReport r = site.state.apply({"f.md"}, kNow);
  Paths expected = site.feeds({"", "sections/cultura/"});
  for (const char* file : {"archive/2021/08.xml", "sitemaps/2021-08.xml", "sitemap.xml"}) {
    expected.push_back(site.config.output.dir + "/" + file);
  }
  std::sort(expected.begin(), expected.end());
  BOOST_TEST(site.files.take_written() == expected, boost::test_tools::per_element());
  BOOST_TEST(site.files.take_removed().empty());
  // A post moved to September: August keeps its other posts and gains a
  // next-archive link; September is new.
  std::string september = post_text("f", "Efe", "Cultura", "", 20);
  september.replace(september.find("2021-08-"), 8, "2021-09-");
  site.write("f.md", september);
  r = site.state.apply({"f.md"}, kNow);
  BOOST_TEST(r.errors.empty());
  Paths written = site.files.take_written();
  for (const char* file : {"archive/2021/08.xml", "archive/2021/09.xml", "sitemaps/2021-08.xml",
                           "sitemaps/2021-09.xml", "sitemap.xml"}) {
    BOOST_TEST(std::count(written.begin(), written.end(), site.config.output.dir + "/" + file) == 1,
               file);
  }
  BOOST_TEST(site.files.bytes(site.config.output.dir + "/archive/2021/08.xml").find("2021/09.xml") !=
             std::string::npos);
}

// A change that writes megabytes (a month of a large archive, say) hands
// the memory it freed back to the kernel at once; the usual change does not
// pay for that.
BOOST_AUTO_TEST_CASE(a_change_that_writes_megabytes_hands_its_freed_memory_back) {
  Site site;
  test::LogCapture log(spdlog::level::debug);
  site.write("f.md", post_text("f", "Efe", "Cultura", "", 20));
  BOOST_TEST(site.state.apply({"f.md"}, kNow).errors.empty());
  BOOST_TEST(log.out.str().find("free memory released") == std::string::npos);
  // A summary of 900 KB, in each of the twelve files of three feeds.
  std::string big = post_text("g", "Ge", "Cultura", "", 21);
  big.insert(big.find("tags:"), "description: \"" + std::string(900 * 1024, 'x') + "\"\n");
  site.write("g.md", big);
  ChangeReport r = site.state.apply({"g.md"}, kNow);
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(site.state.catalog().find("g") != nullptr);
  BOOST_TEST(log.out.str().find("debug: free memory released in ") != std::string::npos);
}

// The news sitemap lists two days of posts. When its oldest turns two days
// old with nothing else changing, publish_due (which herald run calls at
// next_scheduled) writes it again without that post.
BOOST_AUTO_TEST_CASE(the_news_sitemap_drops_a_post_when_it_turns_two_days_old) {
  Site site(site_config(true));
  // 2021-12-31T16:00Z: eight hours before kNow.
  site.write("n.md", "---\npost_id: n\ntitle: \"Nueva\"\ndate: 2021-12-31T10:00:00-06:00\n---\nCuerpo.\n");
  BOOST_TEST_REQUIRE(site.state.apply({"n.md"}, kNow).errors.empty());
  const std::string news = site.config.output.dir + "/news-sitemap.xml";
  BOOST_TEST(site.files.bytes(news).find("<news:title>Nueva</news:title>") != std::string::npos);
  const Timestamp expiry{1'640'966'400 + 2 * 86'400 + 1, 0};
  BOOST_TEST((site.state.next_scheduled(kNow) == expiry));
  site.files.take_written();

  site.state.publish_due(Timestamp{expiry.unix_seconds - 1, 0});
  BOOST_TEST(site.files.take_written().empty());
  ChangeReport r = site.state.publish_due(expiry);
  BOOST_TEST(r.posts_changed == 0u);
  BOOST_TEST(site.files.take_written() == Paths{news}, boost::test_tools::per_element());
  BOOST_TEST(site.files.bytes(news).find("Nueva") == std::string::npos);
  BOOST_TEST(!site.state.next_scheduled(expiry));  // nothing left to expire or publish
}

BOOST_AUTO_TEST_CASE(a_batch_renders_exactly_the_feeds_it_affected) {
  Site site;
  site.write("c.md", post_text("c", "Ce", "Local", "agua", 4));
  site.write("d.md", post_text("d", "De", "Deportes", "", 5));
  site.write("b.md", post_text("b", "Beta editada", "Mundo", "sol", 2));
  site.files.erase(site.content("a.md"));
  ChangeReport r = site.state.apply({"c.md", "d.md", "b.md", "a.md"}, kNow);

  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.write_errors.empty());
  BOOST_TEST(r.files == 4u);
  BOOST_TEST(r.read == 3u);
  BOOST_TEST(r.unchanged == 0u);
  BOOST_TEST(r.posts_changed == 4u);
  // Not the feeds of e (Cultura, arte) nor the stylesheet; the tag only a
  // had is deleted.
  // The set of feeds changed (deportes and agua new, rio gone): the head
  // snippet is written too.
  BOOST_TEST(site.files.take_written() ==
             with_head_snippet(site.config.output.dir,
                               site.feeds({"", "sections/deportes/", "sections/local/", "sections/mundo/",
                                           "tags/agua/", "tags/sol/"})),
             boost::test_tools::per_element());
  BOOST_TEST(site.files.take_removed() == site.feeds({"tags/rio/"}), boost::test_tools::per_element());
  BOOST_TEST(r.files_written == 26u);
  BOOST_TEST(r.files_deleted == 4u);
  BOOST_TEST(r.touched_outputs.size() == 30u);
  BOOST_TEST((site.files.durabilities().back() == Durability::rename_then_sync));

  BOOST_TEST(ids_of(r.post_edits) == (std::vector<std::string>{"a", "b", "c", "d"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(r.post_edits[0].before);
  BOOST_TEST(r.post_edits[0].before->source_path == "a.md");
  BOOST_REQUIRE(r.post_edits[1].before);
  BOOST_TEST(r.post_edits[1].before->title == "Beta");
  BOOST_TEST(!r.post_edits[2].before);
  BOOST_TEST(!r.post_edits[3].before);
  BOOST_TEST(site.state.catalog().find("a") == nullptr);
  BOOST_TEST(site.title_of("b") == "Beta editada");
  BOOST_TEST(site.state.catalog().size() == 4u);
  PostCounts counts = site.state.counts(kNow);
  BOOST_TEST(counts.published == 4u);
}

BOOST_AUTO_TEST_CASE(a_file_gone_when_its_batch_comes_removes_the_post) {
  Site site;
  site.files.erase(site.content("a.md"));
  site.expect_a_removed(site.state.apply({"a.md"}, kNow));
}

BOOST_AUTO_TEST_CASE(a_file_gone_between_stat_and_read_removes_the_post) {
  Site site;
  const std::string path = site.content("a.md");
  site.write("a.md", post_text("a", "Alfa editada", "Local", "rio", 1));
  site.files.on_next_read(path, [&](ReadResult& got) {
    site.files.erase(path);
    got = ReadResult{};
    got.status = Status::failed("No such file or directory");
  });
  site.expect_a_removed(site.state.apply({"a.md"}, kNow));
}

BOOST_AUTO_TEST_CASE(a_file_changing_while_read_waits_for_the_writer) {
  Site site;
  const std::string path = site.content("b.md");
  const std::string whole = post_text("b", "Beta nueva", "Mundo", "sol", 2);
  // The editor has written half of the file when the batch comes, and the
  // rest while herald reads it.
  site.files.put(path, whole.substr(0, whole.size() / 2));
  site.files.on_next_read(path, [&](ReadResult&) { site.files.put(path, whole); });
  ChangeReport r = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(r.files == 1u);
  BOOST_TEST(r.read == 0u);
  BOOST_TEST(r.posts_changed == 0u);
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.post_edits.empty());
  BOOST_TEST(site.files.take_written().empty());
  BOOST_TEST(site.title_of("b") == "Beta");

  // The writer's next event brings the whole file.
  ChangeReport next = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(next.read == 1u);
  BOOST_TEST(next.posts_changed == 1u);
  BOOST_TEST(site.title_of("b") == "Beta nueva");
  BOOST_TEST(site.files.take_written() == site.feeds({"", "sections/mundo/", "tags/sol/"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_broken_edit_keeps_the_last_good_version) {
  Site site;
  site.write("b.md", "---\npost_id: b\ntitle: [sin cerrar\n---\nCuerpo.\n");
  site.files.advance(3 * FakeSiteFiles::kSecond);  // the stamp settles before the read
  ChangeReport r = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(r.read == 1u);
  BOOST_TEST(r.posts_changed == 0u);
  BOOST_TEST(r.post_edits.empty());
  BOOST_REQUIRE(r.errors.size() == 1u);
  const std::string line = r.errors[0].to_string();
  BOOST_TEST(line.starts_with("/site/content/b.md:"), line);
  BOOST_TEST(line.ends_with("; until it is fixed the feeds keep its last good version (id b)"), line);
  BOOST_TEST(site.title_of("b") == "Beta");
  BOOST_TEST(site.files.take_written().empty());
  BOOST_TEST(site.files.take_removed().empty());

  // The same file again: its stamp is known, so it is neither read nor
  // reported again.
  ChangeReport again = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(again.unchanged == 1u);
  BOOST_TEST(again.errors.empty());
  // But the state still lists it as broken, whatever else changes, until
  // it is fixed.
  site.write("e.md", post_text("e", "Eco editado", "Cultura", "arte", 3));
  site.state.apply({"e.md"}, kNow);
  BOOST_REQUIRE(site.state.broken().size() == 1u);
  BOOST_TEST(site.state.broken()[0].to_string() == line);
  site.write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  site.state.apply({"b.md"}, kNow);
  BOOST_TEST(site.state.broken().empty());
}

// watch.max_deletions (20 posts or 5%): two of three posts vanishing at
// once is held: nothing removed, written or announced, the hold says why.
BOOST_AUTO_TEST_CASE(mass_deletions_are_held_until_the_files_come_back) {
  Site site(site_config(), /*stored=*/true);  // unchanged files are known
  site.files.erase(site.content("a.md"));
  site.files.erase(site.content("b.md"));
  ChangeReport r = site.state.apply({"a.md", "b.md"}, kNow);
  BOOST_TEST(r.posts_changed == 0u);
  BOOST_TEST(r.post_edits.empty());
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(site.files.take_written().empty());
  BOOST_TEST(site.files.take_removed().empty());
  BOOST_TEST(site.title_of("a") == "Alfa");
  std::optional<DeletionHold> hold = site.state.hold();
  BOOST_REQUIRE(hold);
  BOOST_TEST((hold->posts == std::vector<HeldPost>{{"a.md", "a", "Alfa"}, {"b.md", "b", "Beta"}}));
  BOOST_TEST(hold->message ==
             "2 posts vanished from /site/content at once, more than watch.max_deletions "
             "allows (20 posts or 5%): the feeds keep them and nothing is announced. If the "
             "files come back herald resumes by itself; if they were deleted on purpose, run "
             "`herald confirm-deletions`");
  // A rescan (or any other batch) keeps holding them.
  ChangeReport rescanned = site.state.rescan(kNow);
  BOOST_TEST(rescanned.post_edits.empty());
  BOOST_TEST(site.state.hold().has_value());

  // Both come back as they were: nothing to do, the hold is over.
  site.write("a.md", post_text("a", "Alfa", "Local", "rio", 1));
  site.write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  ChangeReport back = site.state.apply({"a.md", "b.md"}, kNow);
  BOOST_TEST(back.posts_changed == 0u);
  BOOST_TEST(back.post_edits.empty());
  BOOST_TEST(!site.state.hold());
  BOOST_TEST(site.files.take_written().empty());
}

// One file back of two: what is still missing is within the budget (one
// post), so it is deleted as any single deletion would be.
BOOST_AUTO_TEST_CASE(a_hold_within_the_budget_again_applies_itself) {
  Site site(site_config(), /*stored=*/true);  // unchanged files are known
  site.files.erase(site.content("a.md"));
  site.files.erase(site.content("b.md"));
  site.state.apply({"a.md", "b.md"}, kNow);
  site.write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  ChangeReport r = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(!site.state.hold());
  BOOST_TEST(ids_of(r.post_edits) == (std::vector<std::string>{"a"}));
  BOOST_TEST(site.state.catalog().find("a") == nullptr);
}

BOOST_AUTO_TEST_CASE(confirmed_deletions_are_applied_and_reported) {
  Site site;
  site.files.erase(site.content("a.md"));
  site.files.erase(site.content("b.md"));
  site.state.apply({"a.md", "b.md"}, kNow);
  ChangeReport r = site.state.confirm_deletions(kNow);
  BOOST_TEST(ids_of(r.post_edits) == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(r.posts_changed == 2u);
  BOOST_TEST(!site.state.hold());
  BOOST_TEST(site.state.catalog().size() == 1u);
  BOOST_TEST(site.files.take_removed() ==
                 site.feeds({"sections/local/", "sections/mundo/", "tags/rio/", "tags/sol/"}),
             boost::test_tools::per_element());
}

// A full rescan stamps every file in one list, and looks one by one only at
// the files whose stamp does not vouch for what the catalog holds: changed,
// new and gone (at 1,000,000 posts, looking at each file alone took 19 s).
BOOST_AUTO_TEST_CASE(a_rescan_looks_one_by_one_only_at_what_its_stamps_say_changed) {
  Site site;
  for (int i = 0; i < 20; ++i) {
    site.write("u" + std::to_string(10 + i) + ".md", post_text("u" + std::to_string(i), "U", "Mundo", "sol", 5));
  }
  site.files.advance(10 * FakeSiteFiles::kSecond);  // every stamp now older than the racy window
  ChangeReport settled = site.state.rescan(kNow);
  BOOST_TEST(settled.files == 23u);
  BOOST_TEST(site.state.catalog().size() == 23u);
  site.write("b.md", post_text("b", "Beta dos", "Mundo", "sol", 2));
  site.write("c.md", post_text("c", "Ce", "Mundo", "sol", 4));
  site.files.erase(site.content("e.md"));
  site.files.advance(10 * FakeSiteFiles::kSecond);
  const std::size_t lists = site.files.stamp_lists();
  site.files.take_single_stamps();
  // The post files stamped one by one (the feed files written are stamped
  // too).
  auto posts_stamped_alone = [&] {
    Paths posts;
    for (std::string& path : site.files.take_single_stamps()) {
      if (path.starts_with(site.config.content.dir + "/")) posts.push_back(path);
    }
    return posts;
  };

  ChangeReport r = site.state.rescan(kNow);
  BOOST_TEST(site.files.stamp_lists() == lists + 1);
  // b and c are stamped before and after their read, e once: never the 21
  // unchanged files.
  BOOST_TEST(posts_stamped_alone() ==
                 (Paths{site.content("b.md"), site.content("b.md"), site.content("c.md"), site.content("c.md"),
                        site.content("e.md")}),
             boost::test_tools::per_element());
  BOOST_TEST(r.files == 24u);  // a, b, c, e and the twenty
  BOOST_TEST(r.unchanged == 21u);
  BOOST_TEST(r.read == 2u);
  BOOST_TEST(ids_of(r.post_edits) == (std::vector<std::string>{"b", "c", "e"}), boost::test_tools::per_element());
  BOOST_TEST(site.state.catalog().find("b")->title == "Beta dos");
  BOOST_TEST(site.state.catalog().find("e") == nullptr);
  BOOST_TEST(site.state.catalog().size() == 23u);

  // Nothing changed since: no file is looked at alone.
  site.files.advance(10 * FakeSiteFiles::kSecond);
  ChangeReport again = site.state.rescan(kNow);
  BOOST_TEST(posts_stamped_alone() == Paths{}, boost::test_tools::per_element());
  BOOST_TEST(again.unchanged == 23u);
  BOOST_TEST(again.post_edits.empty());
}

// The content directory cannot be listed (gone, unmounted): every post is
// held, the rescan's error is the hold's to say; back, nothing changed.
BOOST_AUTO_TEST_CASE(a_vanished_content_directory_holds_every_post) {
  Site site(site_config(), /*stored=*/true);  // unchanged files are known
  site.files.fail_listing(site.config.content.dir);
  for (const char* name : {"a.md", "b.md", "e.md"}) site.files.erase(site.content(name));
  ChangeReport r = site.state.rescan(kNow);
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.post_edits.empty());
  BOOST_TEST(site.files.take_removed().empty());
  std::optional<DeletionHold> hold = site.state.hold();
  BOOST_REQUIRE(hold);
  BOOST_TEST(hold->message ==
             "content.dir /site/content cannot be listed (No such file or directory): the feeds "
             "keep its 3 posts and nothing is deleted or announced until it is back; herald "
             "resumes by itself");
  // Even a single post missing is held while the directory is gone.
  site.files.fail_listing(site.config.content.dir, "");
  site.write("a.md", post_text("a", "Alfa", "Local", "rio", 1));
  site.write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  site.write("e.md", post_text("e", "Eco", "Cultura", "arte", 3));
  ChangeReport back = site.state.rescan(kNow);
  BOOST_TEST(back.post_edits.empty());
  BOOST_TEST(!site.state.hold());
}

// Moving every post into a folder is three renames, not three deletions.
BOOST_AUTO_TEST_CASE(a_folder_of_posts_moved_is_not_held) {
  Site site;
  for (const char* name : {"a.md", "b.md", "e.md"}) {
    std::string text = site.files.bytes(site.content(name));
    site.files.erase(site.content(name));
    site.write(std::string("2021/") + name, text);
  }
  ChangeReport r = site.state.apply({"a.md", "b.md", "e.md", "2021/a.md", "2021/b.md", "2021/e.md"},
                                    kNow);
  BOOST_TEST(!site.state.hold());
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(site.state.catalog().find("a")->source_path == "2021/a.md");
  BOOST_TEST(site.state.catalog().size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_failed_write_renders_everything_at_the_next_change) {
  Site site;
  const std::string failing = site.config.output.dir + "/sections/mundo/rss.xml";
  site.files.fail_writes_to(failing);
  site.write("b.md", post_text("b", "Beta editada", "Mundo", "sol", 2));
  ChangeReport r = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(r.write_errors == (std::vector<std::string>{"cannot write " + failing +
                                                         ": No space left on device"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.files_written == 11u);
  Paths written = site.files.take_written();
  BOOST_TEST(std::count(written.begin(), written.end(), failing) == 0);

  // The disk has room again; a change of another post renders every feed
  // afresh and writes what the failed write lost.
  site.files.clear_write_failures();
  site.write("e.md", post_text("e", "Eco editado", "Cultura", "arte", 3));
  ChangeReport next = site.state.apply({"e.md"}, kNow);
  BOOST_TEST(next.write_errors.empty());
  BOOST_TEST(next.files_written + next.files_unchanged == site.loaded.files_written);
  Paths expected = site.feeds({"", "sections/cultura/", "tags/arte/"});
  expected.push_back(failing);
  std::sort(expected.begin(), expected.end());
  BOOST_TEST(site.files.take_written() == expected, boost::test_tools::per_element());
  BOOST_TEST((site.files.durabilities().back() == Durability::sync_then_rename));

  // Then changes are incremental again.
  site.write("a.md", post_text("a", "Alfa editada", "Local", "rio", 1));
  ChangeReport third = site.state.apply({"a.md"}, kNow);
  BOOST_TEST(third.write_errors.empty());
  BOOST_TEST(site.files.take_written() == site.feeds({"", "sections/local/", "tags/rio/"}),
             boost::test_tools::per_element());
  BOOST_TEST((site.files.durabilities().back() == Durability::rename_then_sync));
}

// output.max_bytes: a post that would make the feeds outgrow it writes
// nothing, so every feed keeps its last whole version; once it is gone the
// next change writes everything again.
BOOST_AUTO_TEST_CASE(output_over_its_budget_keeps_the_last_feeds) {
  Config config = site_config();
  config.output.max_bytes = 1 << 20;
  Site site(config);
  std::string huge = post_text("h", "Huge", "Local", "rio", 4) + std::string(200'000, 'x') + "\n";
  site.write("h.md", huge);
  ChangeReport r = site.state.apply({"h.md"}, kNow);
  BOOST_TEST(r.write_errors ==
                 (std::vector<std::string>{
                     "the feeds would take 2 MiB, more than output.max_bytes (1 MiB); the feeds "
                     "keep their last version. Look for the posts that made them grow (very long "
                     "bodies, many tags) or raise output.max_bytes"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.files_written == 0u);
  BOOST_TEST(site.files.take_written().empty());

  site.write("h.md", post_text("h", "Huge", "Local", "rio", 4));
  ChangeReport fixed = site.state.apply({"h.md"}, kNow);
  BOOST_TEST(fixed.write_errors.empty());
  BOOST_TEST(fixed.files_written == 12u);  // main, Local and rio list h now
  BOOST_TEST((site.files.durabilities().back() == Durability::sync_then_rename));
}

// feeds.max_feeds: 6 section and tag feeds. A post with two new tags is
// refused with the budget's error, its file retried when a post goes away.
BOOST_AUTO_TEST_CASE(a_post_past_the_feed_budget_waits_for_room) {
  Config config = site_config();
  config.feeds.max_feeds = 6;
  Site site(config);
  site.write("c.md", post_text("c", "Ce", "Local", "nuevo, otro", 5));
  ChangeReport r = site.state.apply({"c.md"}, kNow);
  BOOST_TEST(texts(r.errors) ==
                 (std::vector<std::string>{
                     "/site/content/c.md: error: would add feeds for tag 'nuevo' and 1 more to the "
                     "site's 6 section and tag feeds, more than feeds.max_feeds (6); use sections "
                     "and tags the site already has, or raise feeds.max_feeds"}),
             boost::test_tools::per_element());
  BOOST_TEST(site.state.catalog().find("c") == nullptr);
  BOOST_TEST(site.files.take_written().empty());

  site.files.erase(site.content("b.md"));  // Mundo and sol go with it
  ChangeReport freed = site.state.apply({"b.md"}, kNow);
  BOOST_TEST(freed.errors.empty());
  BOOST_TEST(site.title_of("c") == "Ce");
}

// Issue 18: what a clean stop records for the next start (SiteState::vouch)
// is what that start finds when nothing changed, and only then.
struct Vouched {
  Site& site;
  BuildManifest manifest;
  bool start_finds(const Timestamp& now = kNow) {
    const std::string& dir = site.config.content.dir;
    ScanResult scan = site.files.scan(dir, ContentFilter{site.config.content.include, site.config.content.exclude});
    return build_unchanged(manifest, "key", dir, stamp_posts(dir, scan.files, site.files, run_serially), now,
                           site.files);
  }
};

BOOST_AUTO_TEST_CASE(a_clean_state_vouches_for_its_feeds_as_the_next_start_finds_them) {
  Site site(site_config(/*archives=*/true), /*stored=*/true);
  Result<BuildManifest> m = site.state.vouch("key", kNow);
  BOOST_TEST_REQUIRE(m.ok(), m.error());
  BOOST_TEST(m->key == "key");
  BOOST_TEST(m->outputs.size() == site.loaded.files_written);
  // b and e were read within the racy window of their writes: known by their bytes.
  BOOST_TEST(m->posts.racy.size() == 2u);
  Vouched vouched{site, *m};
  BOOST_TEST(vouched.start_finds());
  site.files.advance(10 * FakeSiteFiles::kSecond);
  BOOST_TEST(vouched.start_finds());
  // A post written again, a post added, a feed file rewritten by someone else.
  site.write("b.md", post_text("b", "Beta", "Mundo", "sol", 2));
  BOOST_TEST(!vouched.start_finds());
}

BOOST_AUTO_TEST_CASE(a_post_added_or_a_feed_rewritten_after_the_stop_is_not_vouched_for) {
  Site site(site_config(), /*stored=*/true);
  Result<BuildManifest> m = site.state.vouch("key", kNow);
  BOOST_TEST_REQUIRE(m.ok(), m.error());
  {
    Vouched vouched{site, *m};
    site.write("c.md", post_text("c", "Ce", "Local", "rio", 4));
    BOOST_TEST(!vouched.start_finds());
    site.files.erase(site.content("c.md"));
    BOOST_TEST(vouched.start_finds());
    site.files.put(site.config.output.dir + "/rss.xml", "<rss/>");
    BOOST_TEST(!vouched.start_finds());
  }
}

// After changes the record describes the files as they are now.
BOOST_AUTO_TEST_CASE(the_record_follows_the_changes_applied) {
  Site site(site_config(), /*stored=*/true);
  site.write("c.md", post_text("c", "Ce", "Local", "rio", 4));
  site.files.erase(site.content("e.md"));
  site.state.apply({"c.md", "e.md"}, kNow);
  Result<BuildManifest> m = site.state.vouch("key", kNow);
  BOOST_TEST_REQUIRE(m.ok(), m.error());
  for (const StampedOutput& out : m->outputs) {
    BOOST_TEST(out.path.find("cultura") == std::string::npos, out.path);  // e's section feed was deleted
  }
  Vouched vouched{site, *m};
  BOOST_TEST(vouched.start_finds());
}

BOOST_AUTO_TEST_CASE(a_state_a_load_would_not_reproduce_vouches_for_nothing) {
  auto why = [](Site& site) {
    Result<BuildManifest> m = site.state.vouch("key", kNow);
    return m.ok() ? std::string("vouched") : m.error();
  };
  {
    Site site;  // no catalog store: every start reads every post
    BOOST_TEST(why(site) == "no catalog store");
  }
  {
    Site site(site_config(), /*stored=*/true);
    site.files.erase(site.content("a.md"));
    site.files.erase(site.content("b.md"));
    site.state.apply({"a.md", "b.md"}, kNow);
    BOOST_TEST(why(site) == "deletions are held");
  }
  {
    Site site(site_config(), /*stored=*/true);
    site.write("b.md", "---\npost_id: b\ntitle: [sin cerrar\n---\nCuerpo.\n");
    site.files.advance(3 * FakeSiteFiles::kSecond);
    site.state.apply({"b.md"}, kNow);
    BOOST_TEST(why(site) == "b.md is broken and the feeds keep its last good version");
  }
  {
    Site site(site_config(), /*stored=*/true);
    site.write("z.md", post_text("a", "Otra Alfa", "Local", "rio", 5));  // a's id, a later path
    site.state.apply({"z.md"}, kNow);
    BOOST_TEST(why(site) == "a duplicate id was decided while running, not in path order");
  }
  {
    Site site(site_config(), /*stored=*/true);
    site.files.fail_writes_to(site.config.output.dir + "/rss.xml");
    site.write("b.md", post_text("b", "Beta editada", "Mundo", "sol", 2));
    site.state.apply({"b.md"}, kNow);
    BOOST_TEST(why(site) == "a feed file could not be written");
  }
  {
    Site site(site_config(), /*stored=*/true);
    site.files.put(site.config.output.dir + "/atom.xml", "<feed/>");
    BOOST_TEST(why(site) == site.config.output.dir + "/atom.xml changed since herald wrote it");
  }
}

// A broken file with no last good version, and a duplicate refused by the
// load in path order, are what the next load makes of them again.
BOOST_AUTO_TEST_CASE(broken_and_duplicate_files_as_a_load_leaves_them_are_vouched_for) {
  FakeSiteFiles files;
  TempDir state_dir;
  Config config = site_config();
  files.put("/site/content/a.md", post_text("a", "Alfa", "Local", "rio", 1));
  files.put("/site/content/roto.md", "---\npost_id: r\ntitle: [sin cerrar\n---\n");
  files.put("/site/content/z.md", post_text("a", "Otra Alfa", "Local", "rio", 2));
  std::unique_ptr<CatalogStore> store = SqliteCatalogStore::open(state_dir / "state", "fp").store;
  SiteState state(config, store.get(), files);
  state.load(kNow);
  Result<BuildManifest> m = state.vouch("key", kNow);
  BOOST_TEST_REQUIRE(m.ok(), m.error());
  ScanResult scan = files.scan("/site/content", ContentFilter{config.content.include, config.content.exclude});
  BOOST_TEST(scan.files.size() == 3u);
  BOOST_TEST(build_unchanged(*m, "key", "/site/content", stamp_posts("/site/content", scan.files, files, run_serially),
                             kNow, files));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
