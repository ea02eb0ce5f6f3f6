// Operations faults against the real `herald run` (issue 14,
// docs/reliability.md), with a reader polling the served feed the whole
// time: every response is a complete, well-formed feed that never lists
// fewer entries than the content had before the fault; nothing is
// announced for posts that only went away with their directory; /healthz,
// `herald status` and /metrics tell the truth; each fault is one log line.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/feed_poller.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::DaemonProcess;
using test::HttpReceiver;
using test::http_request;
using test::require_started;
using test::Site;
using test::wait_until;

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr auto kNotice = 20s;  // a fault noticed (the watcher may poll every 2 s)

// A webhook target told of publications and deletions.
std::string hook(const HttpReceiver& receiver) {
  return "targets:\n"
         "  - name: hook\n"
         "    type: webhook\n"
         "    url: \"" + receiver.url("/hook") + "\"\n"
         "    secret: \"" + kSecret + "\"\n"
         "    events: [post.published, post.deleted]\n";
}

boost::json::object health(const Site& site, int* status = nullptr) {
  test::HttpReply reply = http_request(site.port, "GET", "/healthz");
  if (status) *status = reply.status;
  boost::json::value body = boost::json::parse(reply.body);
  return body.is_object() ? body.as_object() : boost::json::object{};
}

// The reasons /healthz lists now.
std::vector<std::string> problems(const Site& site) {
  std::vector<std::string> out;
  boost::json::object body = health(site);
  if (const boost::json::array* list = body.if_contains("problems") ? body.at("problems").if_array() : nullptr) {
    for (const boost::json::value& p : *list) out.emplace_back(p.at("reason").as_string());
  }
  return out;
}

bool healthy(const Site& site) {
  int status = 0;
  health(site, &status);
  return status == 200;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The value of the sample `name` (with its labels) in /metrics; -1 when absent.
double metric(const Site& site, const std::string& name) {
  std::string body = http_request(site.port, "GET", "/metrics").body;
  std::size_t at = ("\n" + body).find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(body.substr(at + name.size() + 1));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

// The content directory renamed away (an unmount, a deploy) and back.
BOOST_AUTO_TEST_CASE(a_content_directory_moved_away_holds_and_resumes) {
  HttpReceiver receiver;
  Site site(20, hook(receiver));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  test::FeedPoller reader(site.port);

  fs::rename(site.dir / "content", site.dir / "content.away");
  BOOST_TEST_REQUIRE(wait_until([&] { return problems(site).size() == 2; }, kNotice), daemon.log());
  // The watcher lost its root and polls meanwhile: both are true.
  BOOST_TEST(problems(site) == (std::vector<std::string>{"content_held", "watcher_polling"}),
             boost::test_tools::per_element());
  BOOST_TEST(metric(site, "herald_held_deletions") == 20);
  BOOST_TEST(metric(site, "herald_problem{reason=\"content_held\"}") == 1);
  test::CommandResult status = test::herald_cli(site, {"status"});
  BOOST_TEST(status.out.find("content_held since") != std::string::npos, status.out);
  BOOST_TEST(status.out.find("cannot be listed") != std::string::npos, status.out);
  std::this_thread::sleep_for(5s);  // two polls more: still one line
  BOOST_TEST(count_of(daemon.log(), "cannot be listed") == 1u, daemon.log());

  fs::rename(site.dir / "content.away", site.dir / "content");
  BOOST_TEST_REQUIRE(wait_until([&] { return healthy(site); }, kNotice), daemon.log());
  std::this_thread::sleep_for(1s);
  reader.stop();
  BOOST_TEST(reader.reads() > 10);
  BOOST_TEST(reader.bad() == 0);
  BOOST_TEST(reader.fewest() == 20);
  BOOST_TEST(receiver.count() == 0u, "no post.deleted for a directory that came back");
  BOOST_TEST(daemon.log().find("removed ") == std::string::npos, daemon.log());
  BOOST_TEST(daemon.log().find("content_held: resolved") != std::string::npos, daemon.log());
  BOOST_TEST(daemon.log().find("is back; watching it again") != std::string::npos, daemon.log());
}

// Most posts deleted at once: held until the operator confirms, then the
// deletions are applied and announced once each.
BOOST_AUTO_TEST_CASE(a_mass_deletion_waits_for_confirm_deletions) {
  HttpReceiver receiver;
  Site site(20, hook(receiver));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  test::FeedPoller reader(site.port);
  for (int id = 1000; id < 1010; ++id) fs::remove(site.content(Site::post_file(id)));
  BOOST_TEST_REQUIRE(wait_until([&] { return !healthy(site); }, test::kChange), daemon.log());
  BOOST_TEST(problems(site) == std::vector<std::string>{"content_held"}, boost::test_tools::per_element());
  BOOST_TEST(metric(site, "herald_held_deletions") == 10);
  // Each held post, one by one, in `herald status` and its JSON.
  test::CommandResult status = test::herald_cli(site, {"status"});
  BOOST_TEST(status.out.find("deletions held (10; `herald confirm-deletions` applies them):\n  " +
                             Site::post_file(1000) + "  1000  Noticia 1000\n") != std::string::npos,
             status.out);
  test::CommandResult json = test::herald_cli(site, {"status", "--json"});
  boost::json::array held = boost::json::parse(json.out).at("held_deletions").as_array();
  BOOST_TEST(held.size() == 10u);
  BOOST_TEST(boost::json::serialize(held.at(0)) ==
             R"({"path":")" + Site::post_file(1000) + R"(","id":"1000","title":"Noticia 1000"})");
  reader.stop();
  BOOST_TEST(reader.bad() == 0);
  BOOST_TEST(reader.fewest() == 20);
  BOOST_TEST(receiver.count() == 0u);

  test::CommandResult confirmed = test::herald_cli(site, {"confirm-deletions"});
  BOOST_TEST(confirmed.exit_code == 0, confirmed.err);
  BOOST_TEST(confirmed.out ==
             "herald: confirmed; 10 of 10 held posts removed from the feeds (the others came back)\n");
  BOOST_TEST(healthy(site));
  BOOST_TEST(count_of(site.feed(), "<item>") == 10u);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(10, 15s), daemon.log());
  for (const auto& request : receiver.requests()) {
    BOOST_TEST(request.body.find("\"post.deleted\"") != std::string::npos, request.body);
  }
  test::CommandResult again = test::herald_cli(site, {"confirm-deletions"});
  BOOST_TEST(again.out == "herald: no deletions are held\n");
}

// A missing content.dir at start is a configuration error, not empty feeds.
BOOST_AUTO_TEST_CASE(a_missing_content_directory_is_a_configuration_error) {
  Site site(3);
  fs::remove_all(site.dir / "content");
  DaemonProcess daemon(site.config_path());
  BOOST_TEST(daemon.wait_exit(test::kStart) == 2);
  std::string expected = site.config_path() + ":";
  BOOST_TEST(daemon.log().find(expected) != std::string::npos, daemon.log());
  BOOST_TEST(daemon.log().find("error: 'content.dir' (" + (site.dir / "content") +
                               ") cannot be used: No such file or directory; create it, mount "
                               "it, or point content.dir at the posts") != std::string::npos,
             daemon.log());
  test::CommandResult build = test::herald_cli(site, {"build"});
  BOOST_TEST(build.exit_code == 2);
  BOOST_TEST(!fs::exists(site.dir / "public/rss.xml"));
}

// A feed file replaced by a directory (a real write fault, even for root):
// the other feeds are written, the fault is one line and a 503, and once
// the directory is gone herald writes the file by itself.
BOOST_AUTO_TEST_CASE(a_failing_feed_write_is_retried_until_it_works) {
  Site site(5);
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  const fs::path blocked = site.dir / "public/secciones/local/rss.xml";
  fs::remove(blocked);
  fs::create_directories(blocked / "in-the-way");
  test::write_file(site.content("nuevas/n2001.md"),
                   test::post(2001, "Noticia tras el fallo", "2024-03-01T10:00:00-06:00"));
  BOOST_TEST_REQUIRE(wait_until([&] { return site.feed_has("Noticia tras el fallo"); }, test::kChange),
                     daemon.log());
  BOOST_TEST_REQUIRE(wait_until([&] { return !healthy(site); }, test::kChange),
                     daemon.log() + http_request(site.port, "GET", "/healthz").body);
  BOOST_TEST(problems(site) == std::vector<std::string>{"writes_failing"}, boost::test_tools::per_element());
  std::this_thread::sleep_for(4s);  // retries at 1, 2 s: still one line
  BOOST_TEST(count_of(daemon.log(), "could not be written") == 1u, daemon.log());

  fs::remove_all(blocked);
  BOOST_TEST_REQUIRE(wait_until([&] { return healthy(site); }, 70s), daemon.log());
  BOOST_TEST(site.feed_has("Noticia tras el fallo", "secciones/local/rss.xml"));
  BOOST_TEST(daemon.log().find("writes_failing: resolved") != std::string::npos, daemon.log());
}

// A start that finds far fewer posts than the catalog recorded (the
// directory came back half synced while herald was down) holds them.
BOOST_AUTO_TEST_CASE(a_start_with_most_posts_missing_holds_them) {
  HttpReceiver receiver;
  Site site(20, hook(receiver));
  {
    DaemonProcess first(site.config_path());
    require_started(first);
  }
  for (int id = 1000; id < 1015; ++id) fs::remove(site.content(Site::post_file(id)));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  BOOST_TEST(problems(site) == std::vector<std::string>{"content_held"}, boost::test_tools::per_element());
  BOOST_TEST(metric(site, "herald_held_deletions") == 15);
  BOOST_TEST(count_of(site.feed(), "<item>") == 20u);
  BOOST_TEST(receiver.count() == 0u);
}

// A start whose feed writes fail (the output disk full from the first
// moment): READY only after the whole load, with the failure already in
// /healthz and `herald status` -- never a moment of "ok, loading" over
// feeds that are not current. Room again, the feeds are written.
BOOST_AUTO_TEST_CASE(a_start_that_cannot_write_its_feeds_is_ready_with_the_failure_reported) {
  Site site(5);
  const std::string full = site.dir / "disk-full";
  test::write_file(full, "");
  DaemonProcess daemon(site.config_path(), test::fault_shim_env("/public/", "ENOSPC", full));
  BOOST_TEST_REQUIRE(daemon.wait_notify("READY=1", test::kStart), daemon.log());
  BOOST_TEST(!daemon.wait_notify("serving the feeds just written", 0ms), daemon.log());
  BOOST_TEST(problems(site) == std::vector<std::string>{"writes_failing"}, boost::test_tools::per_element());
  BOOST_TEST(http_request(site.port, "GET", "/healthz").status == 503);
  fs::remove(full);
  BOOST_TEST_REQUIRE(wait_until([&] { return healthy(site); }, 70s), daemon.log());
  BOOST_TEST(site.feed_has("Noticia 1004"));
}

// The output disk full (ENOSPC through the fault shim, for every file
// under public/): the feeds served stay whole, one line, 503; then the
// disk has room again and the feeds catch up by themselves.
BOOST_AUTO_TEST_CASE(a_full_output_disk_keeps_the_last_feeds_and_recovers) {
  Site site(5);
  const std::string full = site.dir / "disk-full";
  DaemonProcess daemon(site.config_path(), test::fault_shim_env("/public/", "ENOSPC", full));
  require_started(daemon);
  test::FeedPoller reader(site.port);
  reader.expect_at_least(5);
  test::write_file(full, "");
  test::write_file(site.content("nuevas/n2001.md"),
                   test::post(2001, "Noticia sin espacio", "2024-03-01T10:00:00-06:00"));
  BOOST_TEST_REQUIRE(wait_until([&] { return !healthy(site); }, test::kChange), daemon.log());
  BOOST_TEST(problems(site) == std::vector<std::string>{"writes_failing"}, boost::test_tools::per_element());
  BOOST_TEST(!site.feed_has("Noticia sin espacio"));
  std::this_thread::sleep_for(3s);  // retries: still one line
  BOOST_TEST(count_of(daemon.log(), "could not be written: No space left on device") == 1u, daemon.log());

  fs::remove(full);
  BOOST_TEST_REQUIRE(wait_until([&] { return healthy(site); }, 70s), daemon.log());
  BOOST_TEST(site.feed_has("Noticia sin espacio"));
  reader.stop();
  BOOST_TEST(reader.bad() == 0);
  BOOST_TEST(reader.fewer() == 0);
}

// A real read-only remount of the output file system (as root: a tmpfs
// mounted on public/, remounted read-only, then read-write): the feeds
// served stay whole, one line naming the cause, 503; then they catch up.
BOOST_AUTO_TEST_CASE(a_read_only_output_file_system_keeps_the_last_feeds_and_recovers) {
  Site site(5);
  test::TmpfsMount disk(site.dir / "public", "size=8m,mode=0755");
  if (!disk.mounted()) {
    BOOST_TEST_MESSAGE("skipped: " << disk.skip_reason());
    return;
  }

  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  test::FeedPoller reader(site.port);
  reader.expect_at_least(5);
  BOOST_TEST_REQUIRE(disk.set_read_only(true), std::strerror(errno));
  test::write_file(site.content("nuevas/n2001.md"),
                   test::post(2001, "Noticia en disco de solo lectura", "2024-03-01T10:00:00-06:00"));
  BOOST_TEST_REQUIRE(wait_until([&] { return !healthy(site); }, test::kChange), daemon.log());
  BOOST_TEST(problems(site) == std::vector<std::string>{"writes_failing"}, boost::test_tools::per_element());
  BOOST_TEST(!site.feed_has("Noticia en disco de solo lectura"));
  BOOST_TEST(count_of(site.feed(), "<item>") == 5u);
  std::this_thread::sleep_for(3s);  // retries: still one line
  BOOST_TEST(count_of(daemon.log(), "could not be written: Read-only file system") == 1u, daemon.log());

  BOOST_TEST_REQUIRE(disk.set_read_only(false), std::strerror(errno));
  BOOST_TEST_REQUIRE(wait_until([&] { return healthy(site); }, 70s), daemon.log());
  BOOST_TEST(site.feed_has("Noticia en disco de solo lectura"));
  reader.stop();
  BOOST_TEST(reader.bad() == 0);
  BOOST_TEST(reader.fewer() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
