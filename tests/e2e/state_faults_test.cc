// The state directory and its outbox failing under a real `herald run`
// (docs/reliability.md): a full or failing disk, a locked or corrupt
// database, the directory deleted. Real faults where this machine allows (a
// small tmpfs filled up, as root; a file replaced), the LD_PRELOAD shim
// (tests/support/fault_shim.c) for EIO. Each time the feeds keep being served
// and rebuilt, `herald status` names what broke, and once the fault is gone
// every new post reaches the webhook receiver exactly once (a repeat only
// with a webhook-id it already saw).
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "daemon/base/sqlite_db.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::DaemonProcess;
using test::HttpReceiver;

constexpr auto kRecover = 30s;  // a fault gone to the post delivered (~1 s; a lease: 10 s)

// A site of 5 posts announcing to `receiver`, with short leases and
// retries, its control socket outside the state directory.
std::string targets_config(const HttpReceiver& receiver, const std::string& state_dir = "state") {
  return "targets:\n  - name: hook\n    type: webhook\n    url: \"" + receiver.url("/hook") +
         "\"\n    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n"
         "delivery:\n  backoff_initial: 100ms\n  backoff_max: 1s\n  timeout: 2s\n  lease: 10s\n"
         "control: {socket: control.sock}\n"
         "state: {dir: " + state_dir + "}\n";
}

std::string with_state_dir(test::Site& site, const std::string& extra) {
  std::string config = test::read_file(site.config_path());
  config.replace(config.find("state: {dir: state}\n"), 20, "");
  return config + extra;
}

void write_new_post(const test::Site& site, int id) {
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                   test::post(id, "Nueva " + std::to_string(id), "2024-02-01T10:00:00-06:00"));
}

// The problems `herald status --json` lists now, as "reason: detail" lines.
std::string problems(const test::Site& site) {
  test::CommandResult status = test::herald_cli(site, {"status", "--json"});
  if (status.exit_code != 0) return "status failed: " + status.err;
  std::string out;
  boost::json::value parsed = boost::json::parse(status.out);
  for (const boost::json::value& p : parsed.at("problems").as_array()) {
    out += std::string(p.at("reason").as_string()) + ": " + std::string(p.at("detail").as_string()) + "\n";
  }
  return out;
}

bool problem_says(const test::Site& site, const std::string& text) {
  return problems(site).find(text) != std::string::npos;
}

// The feed as a reader gets it from the daemon.
bool served_feed_has(const test::Site& site, const std::string& text) {
  test::HttpReply reply = test::http_request(site.port, "GET", "/rss.xml");
  return reply.status == 200 && reply.body.find(text) != std::string::npos;
}

// Every request the receiver saw was post `title`'s, all with one webhook-id.
void delivered_exactly_once(const HttpReceiver& receiver, const std::string& title) {
  std::set<std::string> ids;
  for (const test::ReceivedRequest& r : receiver.requests()) {
    BOOST_TEST(r.body.find(title) != std::string::npos, r.body);
    ids.insert(r.header("webhook-id"));
  }
  BOOST_TEST(ids.size() == 1u);
}

std::int64_t sent(const test::Site& site) {
  return test::target_status(site, "hook").at("sent").as_int64();
}

std::vector<std::string> shim_env(const test::Site& site, const std::string& errno_name) {
  return test::fault_shim_env("outbox.db", errno_name, site.dir / "fault-on");
}

// A failing outbox while a new post arrives: the feeds have it at once, the
// announcement waits for the outbox, then goes out once.
void post_survives_a_failing_outbox(const std::string& errno_name, const std::string& cause) {
  HttpReceiver receiver;
  test::Site site(5);
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  DaemonProcess daemon(site.config_path(), shim_env(site, errno_name));
  test::require_started(daemon);

  test::write_file(site.dir / "fault-on", "");
  write_new_post(site, 2000);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return served_feed_has(site, "Nueva 2000"); }, test::kChange));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return problem_says(site, "outbox: cannot write: "); }, kRecover),
                     problems(site) + daemon.log());
  BOOST_TEST(problem_says(site, cause), problems(site));
  BOOST_TEST(receiver.count() == 0u);  // nothing is sent before it is recorded

  fs::remove(site.dir / "fault-on");
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kRecover), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return sent(site) == 1 && problems(site).empty(); }, kRecover),
                     problems(site));
  delivered_exactly_once(receiver, "Nueva 2000");
  BOOST_TEST(daemon.log().find("outbox: resolved") != std::string::npos, daemon.log());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(state_faults)

BOOST_AUTO_TEST_CASE(eio_on_the_outbox_delays_the_announcement_and_loses_nothing) {
  post_survives_a_failing_outbox("EIO", "disk I/O error");
}

BOOST_AUTO_TEST_CASE(enospc_from_the_shim_delays_the_announcement_and_loses_nothing) {
  post_survives_a_failing_outbox("ENOSPC", "database or disk is full");
}

// The request reached the target, then its outcome could not be recorded:
// the delivery is claimed again when its lease ends and sent with the same
// webhook-id (the receiver dedupes it); it ends sent, once.
BOOST_AUTO_TEST_CASE(an_outcome_not_recorded_is_resent_with_its_idempotency_key) {
  HttpReceiver receiver;
  test::Site site(5);
  const std::string fault_on = site.dir / "fault-on";
  receiver.set_behavior([&](const test::ReceivedRequest&, int index) {
    if (index == 0) std::ofstream(fault_on).put('1');  // the disk fails as the answer comes
    return test::Reply::ok();
  });
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  DaemonProcess daemon(site.config_path(), shim_env(site, "EIO"));
  test::require_started(daemon);

  write_new_post(site, 2001);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kRecover), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return problem_says(site, "outbox: cannot write: "); }, kRecover),
                     problems(site) + daemon.log());
  fs::remove(fault_on);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kRecover), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return sent(site) == 1 && problems(site).empty(); }, kRecover),
                     problems(site));
  BOOST_TEST(receiver.count() == 2u);
  delivered_exactly_once(receiver, "Nueva 2001");
}

// A real full disk: the state directory on a 2 MiB tmpfs, filled up.
BOOST_AUTO_TEST_CASE(a_full_state_file_system_delays_the_announcement_and_loses_nothing) {
  HttpReceiver receiver;
  test::Site site(5);
  const std::string mount_point = site.dir / "state";
  test::TmpfsMount disk(mount_point, "size=2m,mode=0700");
  if (!disk.mounted()) {
    BOOST_TEST_MESSAGE("skipped: " << disk.skip_reason());
    return;
  }
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  {
    DaemonProcess daemon(site.config_path());
    test::require_started(daemon);

    {  // fill it
      std::ofstream filler(mount_point + "/filler", std::ios::binary);
      std::string block(64 * 1024, 'f');
      while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
      }
    }
    write_new_post(site, 2002);
    BOOST_TEST_REQUIRE(test::wait_until([&] { return served_feed_has(site, "Nueva 2002"); }, test::kChange));
    BOOST_TEST_REQUIRE(test::wait_until([&] { return problem_says(site, "database or disk is full"); }, kRecover),
                       problems(site) + daemon.log());
    BOOST_TEST(receiver.count() == 0u);

    fs::remove(mount_point + "/filler");
    BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kRecover), daemon.log());
    BOOST_TEST_REQUIRE(test::wait_until([&] { return sent(site) == 1 && problems(site).empty(); }, kRecover),
                       problems(site));
    delivered_exactly_once(receiver, "Nueva 2002");
    daemon.signal(SIGTERM);
    BOOST_TEST(daemon.wait_exit(10s) == 0);
  }
}

// Another process holds the write lock past the busy timeout (5 s).
BOOST_AUTO_TEST_CASE(a_locked_outbox_is_reported_and_the_post_announced_once_it_is_free) {
  HttpReceiver receiver;
  test::Site site(5);
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  SqliteDb other;
  BOOST_REQUIRE(other.open(site.dir / "state/outbox.db").ok());
  BOOST_REQUIRE(other.exec("BEGIN IMMEDIATE").ok());
  write_new_post(site, 2003);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return served_feed_has(site, "Nueva 2003"); }, test::kChange),
                     daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return problem_says(site, "database is locked"); }, kRecover),
                     problems(site) + daemon.log());
  BOOST_TEST(receiver.count() == 0u);
  BOOST_REQUIRE(other.exec("ROLLBACK").ok());
  other.close();

  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kRecover), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return sent(site) == 1 && problems(site).empty(); }, kRecover),
                     problems(site));
  delivered_exactly_once(receiver, "Nueva 2003");
}

BOOST_AUTO_TEST_CASE(a_corrupt_outbox_is_moved_aside_and_herald_refuses_to_start_until_told) {
  HttpReceiver receiver;
  test::Site site(5);
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  test::write_file(site.dir / "state/outbox.db", std::string(8192, 'x'));
  {
    DaemonProcess daemon(site.config_path());
    BOOST_TEST_REQUIRE(daemon.wait_exit(test::kStart) == 1, daemon.log());
    BOOST_TEST(daemon.log().find("outbox.db: file is not a database; moved it to " + site.dir /
                                 "state/outbox.db.corrupt-") != std::string::npos, daemon.log());
  }
  std::string aside;
  for (const auto& e : fs::directory_iterator(site.dir / "state")) {
    if (e.path().filename().string().starts_with("outbox.db.corrupt-")) aside = e.path().string();
  }
  BOOST_REQUIRE(!aside.empty());
  BOOST_TEST(test::read_file(aside) == std::string(8192, 'x'));
  {
    DaemonProcess daemon(site.config_path());  // systemd restarting it: refused again
    BOOST_TEST_REQUIRE(daemon.wait_exit(test::kStart) == 1, daemon.log());
    BOOST_TEST(daemon.log().find("is the outbox herald moved aside as corrupt") != std::string::npos, daemon.log());
  }
  fs::rename(aside, site.dir / "kept-outbox.db");  // the operator accepts an empty outbox
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  BOOST_TEST(served_feed_has(site, "Noticia 1004"));
  BOOST_TEST(test::target_status(site, "hook").at("pending").as_int64() == 0);  // nothing re-announced
}

BOOST_AUTO_TEST_CASE(a_corrupt_catalog_is_moved_aside_and_herald_starts_fresh) {
  test::Site site(5);
  test::write_file(site.dir / "state/catalog.db", std::string(8192, 'x'));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  BOOST_TEST(daemon.log().find("catalog.db: file is not a database; moved it to " + site.dir /
                               "state/catalog.db.corrupt-") != std::string::npos, daemon.log());
  BOOST_TEST(served_feed_has(site, "Noticia 1004"));
}

// The state directory removed under the daemon: reported, feeds and
// deliveries go on; a restart recreates it and re-announces nothing.
BOOST_AUTO_TEST_CASE(the_state_directory_deleted_is_reported_and_serving_goes_on) {
  HttpReceiver receiver;
  test::Site site(5);
  test::write_file(site.config_path(), with_state_dir(site, targets_config(receiver)));
  {
    DaemonProcess daemon(site.config_path());
    test::require_started(daemon);
    fs::remove_all(site.dir / "state");
    BOOST_TEST_REQUIRE(test::wait_until([&] { return problem_says(site, "restart herald to recreate"); }, kRecover),
                       problems(site) + daemon.log());
    BOOST_TEST(problem_says(site, "outbox: " + site.dir / "state/outbox.db: No such file or directory"),
               problems(site));
    write_new_post(site, 2004);
    BOOST_TEST_REQUIRE(test::wait_until([&] { return served_feed_has(site, "Nueva 2004"); }, test::kChange));
    BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kRecover), daemon.log());
    delivered_exactly_once(receiver, "Nueva 2004");
    daemon.signal(SIGTERM);
    BOOST_TEST(daemon.wait_exit(10s) == 0);
  }
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  BOOST_TEST(fs::exists(site.dir / "state/outbox.db"));
  BOOST_TEST(problems(site).empty(), problems(site));
  BOOST_TEST(test::target_status(site, "hook").at("pending").as_int64() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
