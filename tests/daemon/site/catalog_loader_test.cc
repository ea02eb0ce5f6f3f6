#include "daemon/site/catalog_loader.h"
#include "daemon/site/sqlite_catalog_store.h"

#include <sys/resource.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "daemon/site/post_record.h"
#include "daemon/site/site_build.h"
#include "daemon/watch/content_scanner.h"
#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

std::string post_text(const std::string& title, const std::string& body = "Cuerpo.") {
  return "---\ntitle: \"" + title + "\"\ndate: 2021-08-10T16:17:00.000-06:00\n---\n" + body + "\n";
}

// A content directory and a state directory in one temporary folder.
struct Site {
  TempDir dir;
  Config config;
  Site() {
    config.content.dir = dir / "content";
    config.site.timezone = "UTC";
    std::filesystem::create_directories(config.content.dir);
  }
  std::string post(const std::string& rel) const { return config.content.dir + "/" + rel; }
  void write(const std::string& rel, const std::string& bytes) const { test::write_file(post(rel), bytes); }

  // One load as a restart does it: a fresh catalog and a reopened store.
  // The racy window is 0 unless given: tests do not wait for files to settle.
  // `known`, when given, keeps what the load knew of the files.
  IncrementalLoadReport load(Catalog& catalog, std::int64_t racy_window_ns = 0,
                             KnownFiles* known = nullptr) const {
    CatalogStoreOpen opened = SqliteCatalogStore::open(dir / "state", "fp");
    BOOST_REQUIRE_MESSAGE(opened.store, opened.status.message);
    IncrementalLoadOptions options;
    options.racy_window_ns = racy_window_ns;
    KnownFiles own;
    if (known == nullptr) known = &own;
    IncrementalLoadReport report = load_catalog_incremental(config, *opened.store, catalog, *known, options);
    BOOST_TEST(save_loaded_catalog(*opened.store, catalog, *known, report).ok());
    BOOST_TEST(report.store_error == "");
    return report;
  }
  IncrementalLoadReport load() const {
    Catalog catalog;
    return load(catalog);
  }
};

std::vector<std::string> texts(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.to_string());
  return out;
}

void wait_a_tick() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog_loader)

BOOST_AUTO_TEST_CASE(first_load_parses_all_and_a_restart_reuses_all) {
  Site site;
  for (int i = 0; i < 5; ++i) site.write("p" + std::to_string(i) + ".md", post_text("Post " + std::to_string(i)));
  Catalog first;
  IncrementalLoadReport r1 = site.load(first);
  BOOST_TEST(r1.files == 5u);
  BOOST_TEST(r1.parsed == 5u);
  BOOST_TEST(r1.reused == 0u);
  BOOST_TEST(r1.errors.empty());
  BOOST_TEST(first.size() == 5u);
  BOOST_TEST(first.find_by_path("p3.md")->body.empty());  // bodies are not kept

  Catalog second;
  IncrementalLoadReport r2 = site.load(second);
  BOOST_TEST(r2.files == 5u);
  BOOST_TEST(r2.reused == 5u);
  BOOST_TEST(r2.hashed_same == 0u);
  BOOST_TEST(r2.parsed == 0u);
  BOOST_TEST(second.size() == 5u);
  const Post* p = second.find_by_path("p3.md");
  BOOST_REQUIRE(p);
  BOOST_TEST(p->title == "Post 3");
  BOOST_TEST(p->body_line == first.find_by_path("p3.md")->body_line);
  BOOST_TEST(p->id == first.find_by_path("p3.md")->id);
}

// The store is read a chunk of rows at a time (4,096): files added,
// removed and changed on both sides of a chunk's edge are all seen.
BOOST_AUTO_TEST_CASE(a_store_of_many_chunks_is_matched_file_by_file) {
  Site site;
  constexpr int kPosts = 5000;
  std::vector<std::string> names;  // in path order
  for (int i = 0; i < kPosts; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "d%02d/p%05d.md", i % 7, i);
    names.push_back(buf);
    site.write(buf, post_text("Post " + std::to_string(i)));
  }
  std::sort(names.begin(), names.end());
  BOOST_TEST(site.load().parsed == static_cast<std::size_t>(kPosts));

  // Where the first chunk ends, and at both ends.
  std::vector<std::string> removed{names[0], names[4095], names[4096], names[4097], names.back()};
  for (const std::string& n : removed) std::filesystem::remove(site.post(n));
  site.write(names[100], post_text("Cambiada 100", "Otro cuerpo."));
  site.write(names[4098], post_text("Cambiada 4098", "Otro cuerpo."));
  site.write("d00/a-nueva.md", post_text("Nueva A"));
  site.write("d06/z-nueva.md", post_text("Nueva Z"));
  site.write(names[4096] + ".nueva.md", post_text("Nueva en el borde"));

  Catalog catalog;
  IncrementalLoadReport r = site.load(catalog);
  BOOST_TEST(r.files == static_cast<std::size_t>(kPosts) - removed.size() + 3);
  BOOST_TEST(r.parsed == 5u);  // 2 changed, 3 new
  BOOST_TEST(r.reused == static_cast<std::size_t>(kPosts) - removed.size() - 2);
  BOOST_TEST(r.removed == removed.size());
  BOOST_TEST(catalog.size() == r.files);
  BOOST_TEST(catalog.find_by_path(names[4098])->title == "Cambiada 4098");
  BOOST_TEST(catalog.find_by_path(names[4096] + ".nueva.md")->title == "Nueva en el borde");
  for (const std::string& n : removed) BOOST_TEST(!catalog.find_by_path(n));

  // And the store now says exactly that.
  IncrementalLoadReport again = site.load();
  BOOST_TEST(again.reused == r.files);
  BOOST_TEST(again.removed == 0u);
}

BOOST_AUTO_TEST_CASE(freshly_written_files_are_hashed_until_they_settle) {
  Site site;
  site.write("a.md", post_text("A"));
  site.write("b.md", post_text("B"));
  Catalog c1, c2;
  BOOST_TEST(site.load(c1, kDefaultRacyWindowNs).parsed == 2u);
  IncrementalLoadReport r = site.load(c2, kDefaultRacyWindowNs);
  BOOST_TEST(r.hashed_same == 2u);  // stamps taken within 2 s of the writes
  BOOST_TEST(r.reused == 0u);
  BOOST_TEST(c2.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_same_size_edit_with_mtime_restored_is_seen_through_ctime) {
  Site site;
  site.write("a.md", post_text("Uno"));
  site.write("b.md", post_text("Dos"));
  site.load();
  struct stat before {};
  BOOST_REQUIRE(::stat(site.post("a.md").c_str(), &before) == 0);
  wait_a_tick();
  site.write("a.md", post_text("One"));  // same size
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, site.post("a.md").c_str(), times, 0) == 0);  // touch -d

  Catalog catalog;
  IncrementalLoadReport r = site.load(catalog);
  BOOST_TEST(r.parsed == 1u);
  BOOST_TEST(r.reused == 1u);
  BOOST_TEST(catalog.find_by_path("a.md")->title == "One");
}

BOOST_AUTO_TEST_CASE(a_touched_but_unchanged_file_is_hashed_not_parsed) {
  Site site;
  site.write("a.md", post_text("A"));
  site.load();
  auto rows = [&] {
    std::vector<StoredEntry> entries;
    CatalogStoreOpen opened = SqliteCatalogStore::open(site.dir / "state", "fp");
    BOOST_REQUIRE(opened.store && opened.store->load(&entries).ok());
    BOOST_REQUIRE(entries.size() == 1u);
    return entries[0];
  };
  const StoredEntry first = rows();
  wait_a_tick();
  site.write("a.md", post_text("A"));  // same bytes, new mtime and ctime
  IncrementalLoadReport r = site.load();
  BOOST_TEST(r.hashed_same == 1u);
  BOOST_TEST(r.parsed == 0u);
  // Saved again from the catalog: the same record, under the new stamp.
  const StoredEntry refreshed = rows();
  BOOST_TEST(refreshed.record == first.record);
  BOOST_TEST(refreshed.hash == first.hash);
  BOOST_TEST(!(refreshed.stamp == first.stamp));
  BOOST_TEST(site.load().reused == 1u);  // the stamp was refreshed
}

BOOST_AUTO_TEST_CASE(edits_deletions_and_new_files) {
  Site site;
  site.write("a.md", post_text("A"));
  site.write("b.md", post_text("B"));
  site.write("c.md", post_text("C"));
  site.load();
  wait_a_tick();
  site.write("a.md", post_text("A edited, longer"));
  std::filesystem::remove(site.post("b.md"));
  site.write("d/e.md", post_text("E"));

  Catalog catalog;
  IncrementalLoadReport r = site.load(catalog);
  BOOST_TEST(r.files == 3u);
  BOOST_TEST(r.reused == 1u);
  BOOST_TEST(r.parsed == 2u);
  BOOST_TEST(r.removed == 1u);
  BOOST_TEST(catalog.size() == 3u);
  BOOST_TEST(catalog.find_by_path("a.md")->title == "A edited, longer");
  BOOST_TEST(!catalog.find_by_path("b.md"));
  BOOST_TEST(catalog.find_by_path("d/e.md")->title == "E");

  IncrementalLoadReport again = site.load();
  BOOST_TEST(again.reused == 3u);
  BOOST_TEST(again.removed == 0u);
}

BOOST_AUTO_TEST_CASE(a_bad_post_stays_reported_without_being_parsed) {
  Site site;
  site.write("bad.md", "---\ntitle: [unclosed\n---\nbody\n");
  site.write("good.md", post_text("Good"));
  IncrementalLoadReport r1 = site.load();
  BOOST_REQUIRE(r1.errors.size() == 1u);
  BOOST_TEST(r1.errors[0].path == site.post("bad.md"));

  IncrementalLoadReport r2 = site.load();
  BOOST_TEST(r2.reused == 2u);
  BOOST_TEST(texts(r2.errors) == texts(r1.errors), boost::test_tools::per_element());

  wait_a_tick();
  site.write("bad.md", post_text("Fixed"));
  Catalog catalog;
  IncrementalLoadReport r3 = site.load(catalog);
  BOOST_TEST(r3.errors.empty());
  BOOST_TEST(catalog.size() == 2u);
}

// Growing the known files at a million posts copies them whole: the first
// new post after a start would wait for it.
BOOST_AUTO_TEST_CASE(a_load_leaves_the_known_files_room_for_new_posts) {
  Site site;
  for (int i = 0; i < 40; ++i) site.write("p" + std::to_string(i) + ".md", post_text("P" + std::to_string(i)));
  Catalog catalog;
  KnownFiles known;
  site.load(catalog, 0, &known);
  BOOST_TEST(known.size() == 40u);
  BOOST_TEST(known.capacity() >= 40u + 1024u);
}

BOOST_AUTO_TEST_CASE(matches_load_catalog_including_duplicate_ids) {
  Site site;
  site.config.content.rules.fields.id = "news_id";
  site.write("a.md", "---\ntitle: A\ndate: 2021-08-10\nnews_id: 7\n---\nx\n");
  site.write("b.md", "---\ntitle: B\ndate: 2021-08-10\nnews_id: 7\n---\nx\n");
  site.write("c.md", "---\ntitle: C\ndate: 2021-08-10\n---\nx\n");  // no identity
  Catalog full;
  std::vector<Diagnostic> expected = load_catalog(site.config, 2, full, nullptr);
  BOOST_REQUIRE(expected.size() == 2u);
  for (int round = 0; round < 2; ++round) {
    Catalog catalog;
    KnownFiles known;
    IncrementalLoadReport r = site.load(catalog, 0, &known);
    BOOST_TEST(texts(r.errors) == texts(expected), boost::test_tools::per_element());
    BOOST_TEST(catalog.size() == full.size());
    BOOST_TEST(catalog.find("7")->source_path == "a.md");
    // The refused file is reported with how it was found, not known.
    BOOST_REQUIRE(r.refused.size() == 1u);
    BOOST_TEST(r.refused[0].path == "b.md");
    BOOST_TEST(r.refused[0].file.hash.hex() == content_hash(test::read_file(site.post("b.md"))));
    BOOST_TEST(known.size() == 2u);
    BOOST_TEST(known.find("a.md") != nullptr);
    BOOST_TEST(known.find("b.md") == nullptr);
    BOOST_TEST(known.find("c.md") != nullptr);
    // The refused post is not stored (the catalog never held it): it is
    // parsed again, and refused again, at every load.
    BOOST_TEST(r.parsed == (round == 0 ? 3u : 1u));
    BOOST_TEST(r.reused == (round == 0 ? 0u : 2u));
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_not_stored) {
  Site site;
  site.write("a.md", post_text("A"));
  site.load();
  wait_a_tick();
  std::filesystem::remove(site.post("a.md"));
  std::filesystem::create_directory_symlink(site.post("nowhere"), site.post("a.md"));
  IncrementalLoadReport r = site.load();
  BOOST_TEST(r.files <= 1u);  // the scanner may drop the dangling link
  BOOST_TEST(r.removed == 1u);
}

BOOST_AUTO_TEST_CASE(each_file_is_known_with_the_stamp_and_hash_it_was_judged_by) {
  Site site;
  site.write("a.md", post_text("A"));
  site.write("b.md", "---\ntitle: [broken\n---\n");
  site.write("gone.md", post_text("Gone"));
  site.load();
  wait_a_tick();
  std::filesystem::remove(site.post("gone.md"));
  site.write("c.md", post_text("C"));

  CatalogStoreOpen opened = SqliteCatalogStore::open(site.dir / "state", "fp");
  BOOST_REQUIRE(opened.store);
  IncrementalLoadOptions options;
  options.racy_window_ns = 0;
  options.hold_missing = [](std::size_t, std::size_t) { return true; };
  Catalog catalog;
  KnownFiles known;
  IncrementalLoadReport r = load_catalog_incremental(site.config, *opened.store, catalog, known, options);
  BOOST_TEST(save_loaded_catalog(*opened.store, catalog, known, r).ok());

  BOOST_TEST(known.size() == 4u);  // a (reused), b (a stored error), c (new), gone (held)
  BOOST_TEST(r.refused.empty());
  for (const std::string rel : {"a.md", "b.md", "c.md"}) {
    BOOST_TEST_CONTEXT(rel) {
      Result<FileStamp> now = disk_site_files().stamp(site.post(rel));
      BOOST_REQUIRE(now.ok());
      const KnownFile* file = known.find(rel);
      BOOST_REQUIRE(file != nullptr);
      BOOST_TEST((file->stamp == *now));
      BOOST_TEST(file->hash.hex() == content_hash(test::read_file(site.post(rel))));
    }
  }
  BOOST_REQUIRE(known.find("gone.md") != nullptr);
  BOOST_TEST(known.find("gone.md")->hash.hex() == content_hash(post_text("Gone")));
  // The save wrote c's row with what the load knew of it: the next load reuses it.
  IncrementalLoadReport again = site.load();
  BOOST_TEST(again.parsed == 0u);
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// User + system CPU of the process: steadier than wall time on a busy machine.
double cpu_seconds() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

long peak_rss_mib() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

// Cold and warm start on 100,000 posts. Run with
//   daemon_tests --run_test=catalog_loader/bench_warm_start
// HERALD_BENCH_CORPUS=DIR uses an existing corpus instead of generating one.
BOOST_AUTO_TEST_CASE(bench_warm_start, *boost::unit_test::disabled()) {
  TempDir dir;
  Config config;
  config.site.timezone = "America/Chihuahua";
  config.content.rules.fields.id = "news_id";
  if (const char* corpus = std::getenv("HERALD_BENCH_CORPUS")) {
    config.content.dir = corpus;
  } else {
    config.content.dir = dir / "corpus";
    test::CommandResult made = test::run_command(
        {"python3", test::shared_dir() + "/corpus/make_corpus.py", "100000", config.content.dir});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
  }
  auto run = [&](const char* name) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = cpu_seconds();
    CatalogStoreOpen opened = SqliteCatalogStore::open(dir / "state", "bench");
    BOOST_REQUIRE_MESSAGE(opened.store, opened.status.message);
    Catalog catalog;
    KnownFiles known;
    IncrementalLoadReport r = load_catalog_incremental(config, *opened.store, catalog, known);
    BOOST_TEST(save_loaded_catalog(*opened.store, catalog, known, r).ok());
    double took = seconds_since(start);
    std::cout << name << ": " << took << " s (CPU " << cpu_seconds() - cpu_start << " s), files " << r.files << ", reused " << r.reused
              << ", hashed_same " << r.hashed_same << ", parsed " << r.parsed << ", errors "
              << r.errors.size() << ", posts " << catalog.size() << ", peak RSS " << peak_rss_mib()
              << " MiB" << std::endl;
    BOOST_TEST(r.store_error == "");
    return r;
  };
  {
    auto start = std::chrono::steady_clock::now();
    Catalog catalog;
    std::size_t files = 0;
    load_catalog(config, 2, catalog, &files);
    std::cout << "load_catalog (no store): " << seconds_since(start) << " s, files " << files
              << ", peak RSS " << peak_rss_mib() << " MiB" << std::endl;
  }
  IncrementalLoadReport cold = run("cold");
  {  // the parts of a warm start
    auto start = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    auto lap = [&](const char* what) {
      std::cout << "  " << what << ": " << seconds_since(start) << " s (CPU " << cpu_seconds() - cpu
                << " s)" << std::endl;
      start = std::chrono::steady_clock::now();
      cpu = cpu_seconds();
    };
    ScanResult scan = scan_content(config.content.dir, {config.content.include, config.content.exclude});
    lap("scan");
    for (const std::string& f : scan.files) stamp_file(config.content.dir + "/" + f);
    lap("stat");
    CatalogStoreOpen opened = SqliteCatalogStore::open(dir / "state", "bench");
    std::vector<StoredEntry> entries;
    opened.store->load(&entries);
    lap("store load");
    for (const StoredEntry& e : entries) decode_post_record(e.record, e.path);
    lap("decode");
  }
  IncrementalLoadReport warm = run("warm");
  BOOST_TEST(warm.parsed == 0u);
  BOOST_TEST(warm.reused + warm.hashed_same == cold.files);
  std::cout << "catalog.db: " << std::filesystem::file_size(dir / "state/catalog.db") / (1024 * 1024)
            << " MiB" << std::endl;
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
