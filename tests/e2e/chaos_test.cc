// Chaos (issue 14, docs/reliability.md): posts written over time while
// random faults hit the real `herald run`: kill -9 and a restart, SIGSTOP
// then SIGCONT, the content directory moved away and back, a feed file
// replaced by a directory, the outbox failing and the wall clock stepped an
// hour either way (the LD_PRELOAD shim). A
// reader polls the served feed the whole time. At the end the feeds list
// what a fresh `herald build` of the content lists, and the receiver saw
// every post, repeats only under a webhook-id it had already seen.
//
// Bounded for CI (60 posts, 20 faults, about a minute); the run:
//   HERALD_CHAOS_POSTS=500 HERALD_CHAOS_FAULTS=100 build/tests/e2e_tests --run_test=chaos
// Other sequences of faults: HERALD_CHAOS_SEED=<n> (default 20261202).
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/feed_poller.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::DaemonProcess;
using test::HttpReceiver;
using test::ReceivedRequest;

constexpr int kLimit = 50;              // the main feed's default limit
constexpr std::time_t kFirst = 1706803200;  // 2024-02-01T16:00:00Z

int from_env(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

// Replaces `file` by a directory. The daemon may write the file again
// between the removal and the creation (a retry), so it tries until the
// directory stands.
void replace_by_directory(const fs::path& file) {
  std::error_code ec;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    fs::remove(file, ec);
    if (fs::create_directories(file / "in-the-way", ec) || fs::is_directory(file / "in-the-way")) return;
  }
  BOOST_FAIL("cannot replace " << file << " by a directory: " << ec.message());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(chaos)

BOOST_AUTO_TEST_CASE(random_faults_lose_nothing_and_keep_whole_feeds) {
  const int posts = from_env("HERALD_CHAOS_POSTS", 60);
  const int faults = from_env("HERALD_CHAOS_FAULTS", 20);
  HttpReceiver receiver;
  test::Site site(0, "targets:\n  - name: hook\n    type: webhook\n    url: \"" +
                         receiver.url("/hook") +
                         "\"\n    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n"
                         "delivery:\n  backoff_initial: 100ms\n  backoff_max: 1s\n"
                         "  rate_per_second: 1000\n  timeout: 5s\n  lease: 10s\n");
  fs::create_directories(site.content("lote"));
  const std::string fault_switch = site.dir / "outbox-fails";
  const std::string clock_offset = site.dir / "clock-offset";
  test::write_file(clock_offset, "0");
  std::vector<std::string> shim = test::fault_shim_env("outbox.db", "EIO", fault_switch);
  shim.push_back("HERALD_CLOCK_OFFSET_FILE=" + clock_offset);
  int offset = 0;  // seconds, the daemon's clock against the machine's
  auto daemon = std::make_unique<DaemonProcess>(site.config_path(), shim);
  test::require_started(*daemon);
  test::FeedPoller reader(site.port);

  std::mt19937 random(static_cast<unsigned>(from_env("HERALD_CHAOS_SEED", 20261202)));
  std::map<std::string, int> injected;
  int written = 0;
  auto write_post = [&] {
    int id = 7000 + written;
    // A minute apart: each new post is the newest.
    test::write_file(site.content("lote/n" + std::to_string(id) + ".md"),
                     test::post(id, "Noticia " + std::to_string(id), test::rfc3339(kFirst + 60 * written)));
    ++written;
  };
  // The main feed lists the newest kLimit posts.
  auto listed = [&] { return std::min(written, kLimit); };
  // Waits until the served feed lists the newest post; from then on, fewer
  // entries than it had is a fault the reader counts.
  auto settle = [&] {
    const std::string newest = "Noticia " + std::to_string(7000 + written - 1) + "<";
    BOOST_TEST_REQUIRE(test::wait_until(
                           [&] {
                             std::string rss = test::http_request(site.port, "GET", "/rss.xml").body;
                             auto items = test::rss_guids(rss);
                             return items && static_cast<int>(items->size()) == listed() &&
                                    rss.find(newest) != std::string::npos;
                           },
                           60s),
                       daemon->log());
    reader.expect_at_least(listed());
  };

  for (int fault = 0; fault < faults; ++fault) {
    for (int i = 0; i < posts / faults; ++i) write_post();
    settle();
    switch (std::uniform_int_distribution<int>(0, 5)(random)) {
      case 0: {  // kill -9 at a random moment after a new post
        write_post();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 200)(random)));
        daemon->signal(SIGKILL);
        BOOST_TEST_REQUIRE(daemon->wait_exit(10s) == -1, daemon->log());
        daemon = std::make_unique<DaemonProcess>(site.config_path(), shim);
        test::require_started(*daemon);
        ++injected["kill -9"];
        break;
      }
      case 1: {  // stopped (a VM paused, a debugger), a post written meanwhile
        daemon->signal(SIGSTOP);
        write_post();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 800)(random)));
        daemon->signal(SIGCONT);
        ++injected["SIGSTOP/SIGCONT"];
        break;
      }
      case 2: {  // the content directory away (an unmount) and back
        fs::rename(site.dir / "content", site.dir / "content.away");
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 2500)(random)));
        fs::rename(site.dir / "content.away", site.dir / "content");
        ++injected["content directory away"];
        break;
      }
      case 3: {  // a feed file replaced by a directory while a post arrives
        fs::path blocked = site.dir / "public/atom.xml";
        replace_by_directory(blocked);
        write_post();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1500)(random)));
        fs::remove_all(blocked);
        ++injected["feed file replaced by a directory"];
        break;
      }
      case 4: {  // the outbox failing (EIO) while posts arrive
        test::write_file(fault_switch, "");
        write_post();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1500)(random)));
        fs::remove(fault_switch);
        ++injected["outbox EIO"];
        break;
      }
      case 5: {  // NTP steps the daemon's clock an hour forward or back
        offset += (offset > 0 || (offset == 0 && random() % 2 == 0)) ? -3600 : 3600;
        test::write_file(clock_offset, std::to_string(offset));
        write_post();
        ++injected["clock step"];
        break;
      }
    }
  }
  settle();

  // Every post delivered; a repeat only under a webhook-id already seen.
  std::set<std::string> seen;
  auto all_seen = [&] {
    seen.clear();
    for (const ReceivedRequest& r : receiver.requests()) {
      seen.insert(std::string(boost::json::parse(r.body).at("data").at("id").as_string()));
    }
    return static_cast<int>(seen.size()) == written;
  };
  if (!test::wait_until(all_seen, 120s)) {
    // Which posts never arrived, and what the outbox says of them.
    std::string missing;
    for (int i = 0; i < written; ++i) {
      if (!seen.count(std::to_string(7000 + i))) missing += " " + std::to_string(7000 + i);
    }
    test::CommandResult list = test::run_command(
        {test::herald_binary(), "list", "--utc", "-n", "1000", "--config", site.config_path()});
    std::string faults_seen;
    for (const auto& [what, n] : injected) faults_seen += " " + what + ": " + std::to_string(n) + ";";
    BOOST_FAIL("faults injected:" << faults_seen << " posts never delivered:" << missing
                                   << "\nherald list:\n"
                                   << list.out << list.err << "\nlog:\n"
                                   << daemon->log());
  }
  std::map<std::string, std::string> id_of_post;
  int repeats = 0;
  for (const ReceivedRequest& r : receiver.requests()) {
    std::string post(boost::json::parse(r.body).at("data").at("id").as_string());
    auto [known, fresh] = id_of_post.emplace(post, r.header("webhook-id"));
    if (!fresh) {
      ++repeats;
      BOOST_TEST(known->second == r.header("webhook-id"), "post " << post);
    }
  }
  // The feeds equal a fresh build of the content.
  reader.stop();
  std::string config = test::read_file(site.config_path());
  config.replace(config.find("output: {dir: public}"), 21, "output: {dir: fresh}");
  test::write_file(site.dir / "fresh.yaml", config);
  test::CommandResult build =
      test::run_command({test::herald_binary(), "build", "--config", site.dir / "fresh.yaml"});
  BOOST_TEST_REQUIRE(build.exit_code == 0, build.out + build.err);
  // A feed file the last fault blocked is written again by the next retry
  // (a backoff of up to a minute), so each may take that long to catch up.
  for (const char* feed : {"rss.xml", "atom.xml", "feed.json", "secciones/local/rss.xml"}) {
    const std::string fresh = test::read_file(site.dir / (std::string("fresh/") + feed));
    BOOST_TEST(test::wait_until(
                   [&] { return test::http_request(site.port, "GET", std::string("/") + feed).body == fresh; },
                   70s),
               feed << "\n" << daemon->log());
  }

  int total = 0;
  for (const auto& [what, n] : injected) {
    BOOST_TEST_MESSAGE(what << ": " << n);
    total += n;
  }
  BOOST_TEST_MESSAGE("chaos: " << written << " posts, " << total << " faults, " << reader.reads()
                               << " feed reads, " << repeats << " repeated deliveries (known ids), "
                               << reader.bad() << " bad responses, " << reader.fewer()
                               << " responses with fewer entries");
  BOOST_TEST(total == faults);
  BOOST_TEST(reader.bad() == 0);
  BOOST_TEST(reader.fewer() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
