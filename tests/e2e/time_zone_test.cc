// End-to-end: dates written without an offset get the offset of the
// system's tz database (Mexico without summer time since 2022), and an
// updated tz database takes effect at the next `herald build` and at a
// `herald reload` of a running daemon, with no rebuild of herald.
//
// The update is made for real: a copy of /usr/share/zoneinfo in which
// America/Chihuahua is compiled with zic from a one-line source (fixed
// UTC-5), bind-mounted over /usr/share/zoneinfo in a private mount namespace
// (unshare -m; the library reads no other directory, not even $TZDIR).
#include <boost/test/unit_test.hpp>

#include "tests/e2e/site_fixture.h"

namespace herald::test {
namespace {

constexpr const char* kWinter2023 = "<pubDate>Sun, 15 Jan 2023 10:00:00 -0600</pubDate>";
constexpr const char* kWinter2022 = "<pubDate>Sat, 15 Jan 2022 10:00:00 -0700</pubDate>";
constexpr const char* kUpdated2023 = "<pubDate>Sun, 15 Jan 2023 10:00:00 -0500</pubDate>";

// A site in America/Chihuahua with two posts dated without an offset.
struct ChihuahuaSite : Site {
  ChihuahuaSite() : Site(0) {
    write_file(content("_posts/2023-01-15-invierno.md"), post(1, "Invierno 2023", "2023-01-15 10:00"));
    write_file(content("_posts/2022-01-15-invierno.md"), post(2, "Invierno 2022", "2022-01-15 10:00"));
  }
};

// A copy of the system's zoneinfo; `update()` rewrites its America/Chihuahua.
struct ZoneinfoCopy {
  TempDir dir;
  std::string path() const { return dir / "zoneinfo"; }
  ZoneinfoCopy() {
    CommandResult copied = run_command({"/bin/cp", "-a", "/usr/share/zoneinfo", path()});
    BOOST_REQUIRE_MESSAGE(copied.exit_code == 0, copied.err);
  }
  void update() const {
    write_file(dir / "chihuahua.zi", "Zone America/Chihuahua -5:00 - -05\n");
    CommandResult zic = run_command({"/usr/sbin/zic", "-b", "fat", "-d", path(), dir / "chihuahua.zi"});
    BOOST_REQUIRE_MESSAGE(zic.exit_code == 0, zic.err);
  }
  // Runs what follows with this copy as /usr/share/zoneinfo.
  std::vector<std::string> prefix() const {
    return {"/usr/bin/unshare", "-m", "/bin/sh", "-c",
            "mount --bind \"$ZONEINFO\" /usr/share/zoneinfo && exec \"$@\"", "sh"};
  }
  std::vector<std::string> env() const { return {"ZONEINFO=" + path()}; }
};

// Mount namespaces need CAP_SYS_ADMIN (root in CI's container).
bool can_mount_privately() {
  return run_command({"/usr/bin/unshare", "-m", "/bin/true"}).exit_code == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_time_zone)

BOOST_AUTO_TEST_CASE(herald_build_writes_the_offsets_of_the_system_tz_database) {
  ChihuahuaSite site;
  CommandResult built = herald_cli(site, {"build"});
  BOOST_TEST_REQUIRE(built.exit_code == 0, built.err);
  BOOST_TEST(site.feed_has(kWinter2023), site.feed());
  BOOST_TEST(site.feed_has(kWinter2022));
  BOOST_TEST(site.feed_has("\"date_published\":\"2023-01-15T10:00:00-06:00\"", "feed.json"),
             site.feed("feed.json"));
  BOOST_TEST(site.feed_has("<published>2023-01-15T10:00:00-06:00</published>", "atom.xml"),
             site.feed("atom.xml"));
}

BOOST_AUTO_TEST_CASE(an_updated_tz_database_takes_effect_at_the_next_build) {
  if (!can_mount_privately()) {
    BOOST_TEST_MESSAGE("skipped: unshare -m is not permitted here (needs CAP_SYS_ADMIN)");
    return;
  }
  ChihuahuaSite site;
  ZoneinfoCopy zoneinfo;
  zoneinfo.update();
  std::vector<std::string> argv = zoneinfo.prefix();
  argv.insert(argv.end(), {herald_binary(), "build", "--config", site.config_path()});
  CommandResult built = run_command(argv, "", zoneinfo.env());
  BOOST_TEST_REQUIRE(built.exit_code == 0, built.err);
  BOOST_TEST(site.feed_has(kUpdated2023), site.feed());
  BOOST_TEST(!site.feed_has(kWinter2023));
}

BOOST_AUTO_TEST_CASE(an_updated_tz_database_takes_effect_at_a_reload) {
  if (!can_mount_privately()) {
    BOOST_TEST_MESSAGE("skipped: unshare -m is not permitted here (needs CAP_SYS_ADMIN)");
    return;
  }
  ChihuahuaSite site;
  ZoneinfoCopy zoneinfo;
  DaemonProcess daemon(site.config_path(), zoneinfo.env(), zoneinfo.prefix());
  require_started(daemon);
  BOOST_TEST_REQUIRE(wait_until([&] { return site.feed_has(kWinter2023); }, kChange), site.feed());

  zoneinfo.update();  // seen through the bind mount at once, as a package upgrade would be
  CommandResult reloaded = herald_cli(site, {"reload"});
  BOOST_TEST_REQUIRE(reloaded.exit_code == 0, reloaded.err << daemon.log());
  BOOST_TEST(wait_until([&] { return site.feed_has(kUpdated2023); }, kChange), site.feed());
  // The zone's file was replaced whole: 2022 is at -05 too.
  BOOST_TEST(site.feed_has("<pubDate>Sat, 15 Jan 2022 10:00:00 -0500</pubDate>"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
