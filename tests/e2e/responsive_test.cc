// The loop stays responsive while the site thread works: a long site job
// (here the first load, held up by a catalog database another process
// keeps locked) does not hold up /healthz, the feeds already on disk or
// the control socket.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"

namespace herald {
namespace {

using test::DaemonProcess;
using test::http_request;
using test::Site;
using test::wait_until;

// An exclusive lock on a database: no other connection can read it until
// the holder goes (SQLite's busy timeout makes herald wait 5 s for it).
class LockedDatabase {
 public:
  explicit LockedDatabase(const std::string& path) {
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_exec(db_,
                               "PRAGMA journal_mode=DELETE; PRAGMA locking_mode=EXCLUSIVE; "
                               "CREATE TABLE IF NOT EXISTS held (x); BEGIN EXCLUSIVE; "
                               "INSERT INTO held VALUES (1);",
                               nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~LockedDatabase() { sqlite3_close(db_); }
  LockedDatabase(const LockedDatabase&) = delete;
  LockedDatabase& operator=(const LockedDatabase&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

BOOST_AUTO_TEST_SUITE(responsive)

BOOST_AUTO_TEST_CASE(health_feeds_and_control_answer_while_the_site_loads) {
  Site site;
  // Yesterday's feeds, as a restart finds them.
  test::write_file(site.dir / "public/rss.xml", "<rss version=\"2.0\"><channel/></rss>\n");
  std::filesystem::create_directories(site.dir / "state");
  auto held = std::make_unique<LockedDatabase>(site.dir / "state/catalog.db");
  DaemonProcess daemon(site.config_path());

  test::HttpReply health;
  BOOST_TEST_REQUIRE(wait_until([&] {
    health = http_request(site.port, "GET", "/healthz");
    return health.status != 0;
  }, test::kStart), daemon.log());
  BOOST_TEST(health.status == 503);
  BOOST_TEST(boost::json::parse(health.body).at("status").as_string() == "starting", health.body);
  BOOST_TEST(http_request(site.port, "GET", "/rss.xml").status == 200);
  test::CommandResult status = test::herald_cli(site, {"status", "--json"});
  BOOST_TEST(status.exit_code == 0, status.err);
  BOOST_TEST(!daemon.wait_notify("READY=1", std::chrono::milliseconds(0)));

  // The load goes on without the catalog cache once the lock times out;
  // /healthz says so (the feeds are current, the cache is not).
  test::require_started(daemon);
  test::HttpReply after = http_request(site.port, "GET", "/healthz");
  BOOST_TEST(after.status == 503);
  BOOST_TEST(boost::json::parse(after.body).at("problems").at(0).at("reason").as_string() ==
                 "catalog_cache",
             after.body);
  // The lock gone, a reload opens the cache again and the problem ends.
  held.reset();
  test::CommandResult reload = test::herald_cli(site, {"reload"});
  BOOST_TEST(reload.exit_code == 0, reload.err);
  BOOST_TEST(http_request(site.port, "GET", "/healthz").status == 200);
  BOOST_TEST(site.feed_has("<title>"), site.feed());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
