// The catalog store in PostgreSQL against the suite's real server: rows
// round trip as SQLite's do, a load streams them in byte order, each
// instance keeps its own, a new fingerprint drops this instance's only, a
// batch is one transaction, and a database that cannot be reached fails
// the open (the daemon then loads every post file).
#include "daemon/site/pg_catalog_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "daemon/site/catalog_pg_schema.h"
#include "daemon/site/post_record.h"
#include "tests/daemon/site/catalog_store_samples.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

std::unique_ptr<CatalogStore> open_store(const DatabaseConfig& db, const std::string& instance,
                                         const std::string& fingerprint, bool* discarded = nullptr) {
  CatalogStoreOpen opened = PgCatalogStore::open(db, instance, fingerprint);
  BOOST_TEST_REQUIRE(opened.store != nullptr, opened.status.message);
  if (discarded) *discarded = opened.discarded;
  return std::move(opened.store);
}

using test::load_all;
using test::sample_post;
const FileStamp kStamp = test::kSampleStamp;

std::vector<std::string> paths_of(CatalogStore& store) {
  std::vector<std::string> paths;
  for (const StoredEntry& e : load_all(store)) paths.push_back(e.path);
  return paths;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_catalog_store, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(puts_and_loads_posts_and_errors_in_path_order) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  auto store = open_store(db, "web-1", "fp1");
  BOOST_TEST(store->describe() == "the catalog of instance \"web-1\" in " + db.shown);
  test::puts_and_loads_in_path_order(*store);
}

BOOST_AUTO_TEST_CASE(large_unsigned_stamps_and_any_record_byte_survive) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  auto store = open_store(db, "web-1", "fp");
  FileStamp big{~std::uint64_t{0}, std::uint64_t{1} << 63, 1, -5, 6};
  BOOST_TEST(store->put("a.md", big, 0, "h", sample_post("a.md", "1")).ok());
  StoredEntry row = load_all(*store).at(0);
  BOOST_TEST((row.stamp == big));
  BOOST_TEST(row.record == encode_post_record(sample_post("a.md", "1")));
}

// More rows than a statement sends and a chunk reads; byte order ("B" <
// "a" < "é"), whatever the database's collation, as the scan sorts them.
BOOST_AUTO_TEST_CASE(a_large_batch_loads_in_chunks_in_byte_order) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  auto store = open_store(db, "web-1", "fp");
  std::vector<std::string> expected;
  BOOST_TEST(store->begin().ok());
  for (int i = 0; i < 5000; ++i) {
    std::string path = "posts/" + std::to_string(10000 + i) + (i % 3 == 0 ? "é.md" : i % 3 == 1 ? "B.md" : "a.md");
    expected.push_back(path);
    BOOST_TEST_REQUIRE(store->put(path, kStamp, i, "h", sample_post(path, std::to_string(i))).ok());
  }
  BOOST_TEST(store->put("posts/10000é.md", kStamp, 7, "again", sample_post("x", "x")).ok());  // twice in one batch
  BOOST_TEST(store->commit().ok());
  std::sort(expected.begin(), expected.end());

  std::size_t seen = 0;
  std::string last;
  bool ordered = true;
  Status s = store->load([&](StoredEntry e) {
    ordered = ordered && (seen == 0 || last < e.path);
    last = e.path;
    if (e.path == "posts/10000é.md") BOOST_TEST(e.hash == "again");
    ++seen;
  });
  BOOST_TEST(s.ok(), s.message);
  BOOST_TEST(ordered);
  BOOST_TEST(seen == expected.size());
  BOOST_TEST(paths_of(*store) == expected);
}

BOOST_AUTO_TEST_CASE(instances_keep_their_own_rows_and_a_new_fingerprint_drops_only_its_own) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  {
    auto one = open_store(db, "web-1", "fp A");
    auto two = open_store(db, "web-2", "fp A");
    BOOST_TEST(one->put("a.md", kStamp, 0, "h1", sample_post("a.md", "1")).ok());
    BOOST_TEST(two->put("a.md", kStamp, 0, "h2", sample_post("a.md", "1")).ok());
    BOOST_TEST(two->put("b.md", kStamp, 0, "h2", sample_post("b.md", "2")).ok());
    BOOST_TEST(load_all(*one).at(0).hash == "h1");
    BOOST_TEST(paths_of(*two) == (std::vector<std::string>{"a.md", "b.md"}));
  }
  bool discarded = false;
  auto same = open_store(db, "web-1", "fp A", &discarded);
  BOOST_TEST(!discarded);
  BOOST_TEST(paths_of(*same) == std::vector<std::string>{"a.md"});

  auto changed = open_store(db, "web-2", "fp B", &discarded);
  BOOST_TEST(discarded);
  BOOST_TEST(load_all(*changed).empty());
  BOOST_TEST(paths_of(*open_store(db, "web-1", "fp A")) == std::vector<std::string>{"a.md"});

  auto fresh = open_store(db, "web-3", "fp A", &discarded);
  BOOST_TEST(!discarded);  // nothing was stored for it
}

BOOST_AUTO_TEST_CASE(a_rolled_back_or_abandoned_batch_leaves_nothing) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  {
    auto store = open_store(db, "web-1", "fp");
    BOOST_TEST(store->put("a.md", kStamp, 0, "h", sample_post("a.md", "1")).ok());
    BOOST_TEST(store->begin().ok());
    BOOST_TEST(store->put("b.md", kStamp, 0, "h", sample_post("b.md", "2")).ok());
    BOOST_TEST(store->remove("a.md").ok());
    store->rollback();
    BOOST_TEST(store->begin().ok());
    for (int i = 0; i < 600; ++i) {  // some of them sent already
      std::string path = "c" + std::to_string(i) + ".md";
      BOOST_TEST_REQUIRE(store->put(path, kStamp, 0, "h", sample_post(path, path)).ok());
    }
  }  // destroyed mid-batch
  auto store = open_store(db, "web-1", "fp");
  BOOST_TEST(paths_of(*store) == std::vector<std::string>{"a.md"});
}

BOOST_AUTO_TEST_CASE(migrates_to_its_own_schema_version) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  open_store(db, "web-1", "fp");
  open_store(db, "web-2", "fp");  // found done
  PgConnection pg = test::connected(db);
  std::int64_t version = 0;
  BOOST_TEST(pg_schema_version(pg, kCatalogPgSchema, &version).ok());
  BOOST_TEST(version == kCatalogPgSchemaVersion);
}

BOOST_AUTO_TEST_CASE(a_database_that_cannot_be_reached_fails_the_open_without_its_password) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  db.port = 1;  // nothing listens there
  CatalogStoreOpen opened = PgCatalogStore::open(db, "web-1", "fp");
  BOOST_TEST(!opened.store);
  BOOST_TEST(opened.status.message.find("cannot open the catalog store of instance \"web-1\" in ") == 0u,
             opened.status.message);
  BOOST_TEST(opened.status.message.find(db.password) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
