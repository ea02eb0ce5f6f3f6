#include "daemon/site/sqlite_catalog_store.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "daemon/site/post_record.h"
#include "tests/daemon/site/catalog_store_samples.h"
#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

std::unique_ptr<CatalogStore> open_store(const std::string& dir, const std::string& fingerprint) {
  CatalogStoreOpen opened = SqliteCatalogStore::open(dir, fingerprint);
  BOOST_REQUIRE_MESSAGE(opened.store, opened.status.message);
  BOOST_TEST(opened.warning.empty());
  return std::move(opened.store);
}

using test::load_all;
using test::sample_post;
const FileStamp kStamp = test::kSampleStamp;

// Files in `dir` whose name starts with `prefix`.
std::vector<std::string> files_starting(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    bool companion = name.ends_with("-wal") || name.ends_with("-shm");  // moved with it
    if (name.rfind(prefix, 0) == 0 && !companion) names.push_back(name);
  }
  return names;
}

// Opens the store over a catalog.db that `sql` made.
CatalogStoreOpen open_over(const TempDir& dir, const std::string& sql) {
  {
    SqliteDb db;
    BOOST_TEST(db.open(dir / "catalog.db").ok());
    BOOST_TEST(db.exec(sql).ok());
  }
  return SqliteCatalogStore::open(dir.path(), "fp");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_catalog_store)

BOOST_AUTO_TEST_CASE(puts_and_loads_posts_and_errors_in_path_order) {
  TempDir dir;
  auto store = open_store(dir / "state", "fp1");
  BOOST_TEST(store->describe() == dir / "state/catalog.db");
  test::puts_and_loads_in_path_order(*store);
}

BOOST_AUTO_TEST_CASE(large_unsigned_stamps_survive) {
  TempDir dir;
  auto store = open_store(dir.path(), "fp");
  FileStamp big{~std::uint64_t{0}, std::uint64_t{1} << 63, 1, -5, 6};
  BOOST_TEST(store->put("a.md", big, 0, "h", sample_post("a.md", "1")).ok());
  BOOST_TEST((load_all(*store).at(0).stamp == big));
}

BOOST_AUTO_TEST_CASE(rows_survive_reopening_and_a_rolled_back_batch_leaves_nothing) {
  TempDir dir;
  {
    auto store = open_store(dir.path(), "fp1");
    BOOST_TEST(store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
    BOOST_TEST(store->begin().ok());
    BOOST_TEST(store->put("b.md", kStamp, 0, "h", sample_post("b.md", "2")).ok());
    store->rollback();
    BOOST_TEST(store->begin().ok());
    BOOST_TEST(store->put("c.md", kStamp, 0, "h", sample_post("c.md", "3")).ok());
  }  // destroyed mid-batch
  auto store = open_store(dir.path(), "fp1");
  std::vector<StoredEntry> entries = load_all(*store);
  BOOST_REQUIRE(entries.size() == 1u);
  BOOST_TEST(entries[0].path == "a.md");
}

BOOST_AUTO_TEST_CASE(a_new_fingerprint_discards_every_row) {
  TempDir dir;
  {
    CatalogStoreOpen first = SqliteCatalogStore::open(dir.path(), "herald 0.1 rules A");
    BOOST_TEST(!first.discarded);  // nothing was stored yet
    BOOST_TEST(first.store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
  }
  {
    CatalogStoreOpen same = SqliteCatalogStore::open(dir.path(), "herald 0.1 rules A");
    BOOST_TEST(!same.discarded);
    BOOST_TEST(load_all(*same.store).size() == 1u);
  }
  CatalogStoreOpen changed = SqliteCatalogStore::open(dir.path(), "herald 0.1 rules B");
  BOOST_REQUIRE(changed.store);
  BOOST_TEST(changed.discarded);
  BOOST_TEST(load_all(*changed.store).empty());
}

BOOST_AUTO_TEST_CASE(another_record_version_discards_every_row) {
  TempDir dir;
  {
    auto store = open_store(dir.path(), "fp");
    BOOST_TEST(store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
  }
  {
    SqliteDb db;
    BOOST_TEST(db.open(dir / "catalog.db").ok());
    BOOST_TEST(db.exec("UPDATE meta SET value = '0' WHERE key = 'record_version'").ok());
  }
  CatalogStoreOpen reopened = SqliteCatalogStore::open(dir.path(), "fp");
  BOOST_TEST(reopened.discarded);
  BOOST_TEST(load_all(*reopened.store).empty());
}

BOOST_AUTO_TEST_CASE(a_corrupt_file_is_moved_aside_and_an_empty_store_started) {
  TempDir dir;
  test::write_file(dir / "catalog.db", std::string(8192, 'x'));
  test::write_file(dir / "catalog.db-wal", "wal");
  CatalogStoreOpen opened = SqliteCatalogStore::open(dir.path(), "fp");
  BOOST_REQUIRE_MESSAGE(opened.store, opened.status.message);
  std::vector<std::string> aside = files_starting(dir.path(), "catalog.db.corrupt-");
  BOOST_REQUIRE(aside.size() == 1u);
  BOOST_TEST(opened.warning == dir / "catalog.db: file is not a database; moved it to " + dir / aside[0] +
                                    " and started an empty catalog");
  BOOST_TEST(test::read_file(dir / aside[0]) == std::string(8192, 'x'));
  BOOST_TEST(load_all(*opened.store).empty());
  BOOST_TEST(opened.store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_moved_aside) {
  TempDir dir;
  CatalogStoreOpen opened = open_over(dir, "CREATE TABLE future(x); PRAGMA user_version=2");
  BOOST_REQUIRE_MESSAGE(opened.store, opened.status.message);
  std::vector<std::string> aside = files_starting(dir.path(), "catalog.db.corrupt-");
  BOOST_REQUIRE(aside.size() == 1u);
  BOOST_TEST(opened.warning == dir / "catalog.db: schema version 2 is newer than this herald's (1); moved it to " +
                                    dir / aside[0] + " and started an empty catalog");
}

BOOST_AUTO_TEST_CASE(unknown_tables_without_a_version_are_moved_aside) {
  TempDir dir;
  CatalogStoreOpen opened = open_over(dir, "CREATE TABLE entries(path TEXT)");
  BOOST_REQUIRE(opened.store);
  BOOST_TEST(opened.warning.find(dir / "catalog.db: tables of an unknown schema; moved it to ") == 0u);
}

BOOST_AUTO_TEST_CASE(migrates_an_empty_older_database) {
  TempDir dir;
  test::write_file(dir / "catalog.db", "");  // SQLite's empty database: user_version 0
  auto store = open_store(dir.path(), "fp");
  BOOST_TEST(store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
  SqliteDb db;
  BOOST_TEST(db.open(dir / "catalog.db").ok());
  std::int64_t version = 0;
  BOOST_TEST(db.user_version(&version).ok());
  BOOST_TEST(version == SqliteCatalogStore::kSchemaVersion);
}

BOOST_AUTO_TEST_CASE(reports_a_state_directory_it_cannot_create) {
  TempDir dir;
  test::write_file(dir / "blocker", "x");
  CatalogStoreOpen opened = SqliteCatalogStore::open(dir / "blocker/state", "fp");
  BOOST_TEST(!opened.store);
  BOOST_TEST(opened.status.message == "cannot create the state directory " + dir / "blocker/state: Not a directory");
}

BOOST_AUTO_TEST_CASE(reports_a_database_it_cannot_open) {
  TempDir dir;
  std::filesystem::create_directory(dir / "catalog.db");  // a directory in the way
  CatalogStoreOpen opened = SqliteCatalogStore::open(dir.path(), "fp");
  BOOST_TEST(!opened.store);
  BOOST_TEST(opened.status.message == "cannot open the catalog store " + dir / "catalog.db: unable to open database file");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
