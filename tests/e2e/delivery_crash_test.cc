// The outbox under kill -9: while 1,000 new posts are being delivered to 3
// receivers, the daemon is killed at random moments 20 times and started
// again. At the end every receiver has every post, nothing is dead or
// pending, and every repeated post a receiver saw carried a webhook-id it
// had already seen (a receiver that dedupes by webhook-id sees each post
// once).
#include <signal.h>

#include <chrono>
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
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::HttpReceiver;
using test::Reply;
using test::ReceivedRequest;

constexpr int kPosts = 1000;
constexpr int kKills = 20;

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_crash)

BOOST_AUTO_TEST_CASE(kill_9_loses_nothing_and_repeats_only_known_ids) {
  std::vector<std::unique_ptr<HttpReceiver>> receivers;
  std::string targets = "targets:\n";
  for (int i = 0; i < 3; ++i) {
    receivers.push_back(std::make_unique<HttpReceiver>());
    receivers.back()->set_behavior([](const ReceivedRequest&, int) { return Reply::ok().after(15ms); });
    targets += "  - name: r" + std::to_string(i) + "\n    type: webhook\n    url: \"" +
               receivers.back()->url("/hook") +
               "\"\n    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n    concurrency: 2\n";
  }
  test::Site site(0, targets +
                         "delivery:\n  backoff_initial: 100ms\n  backoff_max: 1s\n"
                         "  rate_per_second: 1000\n  timeout: 5s\n  lease: 10s\n");
  std::filesystem::create_directories(site.content(""));
  auto daemon = std::make_unique<DaemonProcess>(site.config_path());
  test::require_started(*daemon);

  // 1,000 new posts land at once (a directory moved in).
  test::TempDir staging;
  for (int i = 0; i < kPosts; ++i) {
    int id = 5000 + i;
    test::write_file(staging / ("lote/n" + std::to_string(id) + ".md"),
                     test::post(id, "Noticia " + std::to_string(id), "2024-02-01T10:00:00-06:00"));
  }
  std::filesystem::rename(staging / "lote", site.content("lote"));

  std::mt19937 random(20261129);
  std::uniform_int_distribution<int> pause_ms(20, 400);
  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
    daemon->signal(SIGKILL);
    BOOST_TEST_REQUIRE(daemon->wait_exit(10s) == -1, daemon->log());  // killed, not exited
    daemon = std::make_unique<DaemonProcess>(site.config_path());
    test::require_started(*daemon);
  }

  for (const auto& receiver : receivers) {
    BOOST_TEST_REQUIRE(test::wait_until(
        [&] {
          std::set<std::string> posts;
          for (const ReceivedRequest& request : receiver->requests()) {
            posts.insert(std::string(boost::json::parse(request.body).at("data").at("id").as_string()));
          }
          return posts.size() == static_cast<std::size_t>(kPosts);
        },
        120s), daemon->log());
  }
  std::size_t repeats = 0;
  for (const auto& receiver : receivers) {
    std::map<std::string, std::string> id_of_post;  // data.id -> webhook-id
    for (const ReceivedRequest& request : receiver->requests()) {
      std::string post(boost::json::parse(request.body).at("data").at("id").as_string());
      auto [known, fresh] = id_of_post.emplace(post, request.header("webhook-id"));
      if (!fresh) {
        ++repeats;
        BOOST_TEST(known->second == request.header("webhook-id"), "post " << post);
      }
    }
  }
  BOOST_TEST_MESSAGE(repeats << " repeated deliveries, all with a known webhook-id");

  test::CommandResult status =
      test::run_command({test::herald_binary(), "status", "--json", "--config", site.config_path()});
  BOOST_TEST_REQUIRE(status.exit_code == 0, status.err);
  boost::json::value parsed = boost::json::parse(status.out);
  int webhooks = 0;
  for (const boost::json::value& target : parsed.at("targets").as_array()) {
    if (target.at("type").as_string() != "webhook") continue;  // the site's (refusing) WebSub hub
    ++webhooks;
    BOOST_TEST(target.at("sent").as_int64() == kPosts, target);
    BOOST_TEST(target.at("pending").as_int64() == 0, target);
    BOOST_TEST(target.at("dead").as_int64() == 0, target);
  }
  BOOST_TEST(webhooks == static_cast<int>(receivers.size()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
