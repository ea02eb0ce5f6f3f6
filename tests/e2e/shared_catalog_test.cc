// The catalog index of an instance on PostgreSQL (state.database), real
// processes and a real PostgreSQL 15: a restart is warm from the rows the
// instance keeps in the database (state.dir holds no catalog.db), and with
// the database down at start the instance still loads every post file,
// serves its feeds and /healthz names the catalog cache.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/e2e/cluster_fixture.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::Cluster;

constexpr auto posts = &test::numbered_posts;

// Whether instance i logged `line` within a few seconds (a start that
// serves the feeds of its last clean stop is READY before its load ends).
bool logged(Cluster& cluster, int i, const std::string& line) {
  return test::wait_until([&] { return cluster.daemon(i).log().find(line) != std::string::npos; }, test::kChange);
}

void stop(Cluster& cluster, int i) {
  cluster.daemon(i).signal(SIGTERM);
  BOOST_TEST_REQUIRE(cluster.daemon(i).wait_exit(10s) == 0, cluster.logs());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_catalog, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(an_instance_restarts_warm_from_its_rows_in_the_database) {
  Cluster cluster(test::PostgresServer::shared().create_database(), 2, "");
  cluster.add_posts("lote", posts(9000, 5));
  cluster.start(0);
  cluster.start(1);
  BOOST_TEST(logged(cluster, 0, "5 files: 0 unchanged, 5 read"), cluster.logs());
  stop(cluster, 0);
  stop(cluster, 1);
  BOOST_TEST(!std::filesystem::exists(cluster.site(0).dir / "state/catalog.db"));

  // Instance web2's rows are its own: a post only web1 sees is read by
  // web1 alone, web2 finds its five rows as it left them.
  test::write_file(cluster.site(0).content("lote/n9005.md"),
                   test::post(9005, "Noticia 9005", "2024-02-01T10:00:00-06:00"));
  cluster.start(0);
  cluster.start(1);
  BOOST_TEST(logged(cluster, 0, "6 files: 5 unchanged, 1 read"), cluster.logs());
  BOOST_TEST(logged(cluster, 1, "5 files: 5 unchanged, 0 read"), cluster.logs());
  BOOST_TEST(cluster.site(0).feed_has("Noticia 9005"));
  BOOST_TEST(test::http_request(cluster.site(0).port, "GET", "/healthz").status == 200, cluster.logs());
}

BOOST_AUTO_TEST_CASE(with_the_database_down_at_start_it_serves_every_post_and_healthz_names_the_catalog) {
  test::PostgresServer server;
  DatabaseConfig database = server.create_database();
  Cluster cluster(database, 1, "");
  cluster.add_posts("lote", posts(9100, 3));
  server.stop_now();
  cluster.start(0);
  for (int id = 9100; id < 9103; ++id) BOOST_TEST(cluster.site(0).feed_has("Noticia " + std::to_string(id)));
  BOOST_TEST(logged(cluster, 0, "3 files: 0 unchanged, 3 read"), cluster.logs());
  BOOST_TEST(cluster.daemon(0).log().find("running without a catalog cache") != std::string::npos, cluster.logs());
  test::HttpReply health;
  BOOST_TEST(test::wait_until(
                 [&] {
                   health = test::http_request(cluster.site(0).port, "GET", "/healthz");
                   return health.body.find("catalog cache: cannot open it in postgresql://herald@127.0.0.1:") !=
                          std::string::npos;
                 },
                 30s),
             health.body);
  BOOST_TEST(health.status == 503);
  BOOST_TEST(health.body.find(database.password) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
