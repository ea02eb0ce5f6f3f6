// herald migrate-state's copy of catalog.db into this instance's rows in
// PostgreSQL: rows as stored, under the stored fingerprint, other
// instances untouched; no catalog.db copies nothing.
#include "daemon/site/catalog_copy.h"

#include <boost/test/unit_test.hpp>

#include "daemon/site/pg_catalog_store.h"
#include "daemon/site/sqlite_catalog_store.h"
#include "tests/daemon/site/catalog_store_samples.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(catalog_copy, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(copies_every_row_under_the_stored_fingerprint_into_this_instance) {
  test::TempDir dir;
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  {
    std::unique_ptr<CatalogStore> local = SqliteCatalogStore::open(dir.path(), "fp local").store;
    BOOST_TEST_REQUIRE(local != nullptr);
    BOOST_TEST(local->put("a.md", test::kSampleStamp, 5, "ha", test::sample_post("a.md", "1")).ok());
    BOOST_TEST(local->put_error("b.md", test::kSampleStamp, 6, "hb", Diagnostic{"b.md", 2, 1, "bad"}).ok());
  }
  std::unique_ptr<CatalogStore> other = PgCatalogStore::open(db, "web-2", "fp other").store;
  BOOST_TEST_REQUIRE(other != nullptr);
  BOOST_TEST(other->put("z.md", test::kSampleStamp, 0, "hz", test::sample_post("z.md", "9")).ok());

  Result<CatalogCopy> copy = copy_catalog(dir.path(), db, "web-1");
  BOOST_TEST_REQUIRE(copy.ok(), copy.error());
  BOOST_TEST(copy->found);
  BOOST_TEST(copy->rows == 2);
  BOOST_TEST(copy->source == dir / "catalog.db");

  CatalogStoreOpen copied = PgCatalogStore::open(db, "web-1", "fp local");
  BOOST_TEST_REQUIRE(copied.store != nullptr, copied.status.message);
  BOOST_TEST(!copied.discarded);
  std::vector<StoredEntry> rows = test::load_all(*copied.store);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].path == "a.md");
  BOOST_TEST(rows[0].record == encode_post_record(test::sample_post("a.md", "1")));
  BOOST_TEST(rows[1].error->message == "bad");
  BOOST_TEST(test::load_all(*other).size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_catalog_db_copies_nothing) {
  test::TempDir dir;
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  Result<CatalogCopy> copy = copy_catalog(dir.path(), db, "web-1");
  BOOST_TEST_REQUIRE(copy.ok(), copy.error());
  BOOST_TEST(!copy->found);
  BOOST_TEST(copy->rows == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
