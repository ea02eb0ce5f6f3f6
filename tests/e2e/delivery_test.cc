// Announcements end to end: a real `herald run` with webhook targets
// pointing at receivers on loopback (tests/support/loopback/http_receiver.h).
// A new post is delivered exactly once, signed (Standard Webhooks), with the
// documented body; edits, renames, reloads and restarts announce nothing; a
// first start does not flood; failures are retried at the configured
// spacing, honour Retry-After, time out on a hung receiver, and end as dead
// letters that `herald status` shows and `herald retry` requeues; `herald
// resend` sends again with a new idempotency key, or only shows the request.
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/targets/webhook/webhook_signature.h"
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
using test::require_started;
using test::Site;

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr auto kDelivery = 15s;  // a delivery reaching the receiver (typically a few ms)

std::string target(const std::string& name, const HttpReceiver& receiver,
                   const std::string& extra = "") {
  return "  - name: " + name + "\n"
         "    type: webhook\n"
         "    url: \"" + receiver.url("/hooks/" + name) + "\"\n"
         "    secret: \"" + kSecret + "\"\n" + extra;
}

std::string delivery_section(const std::string& extra = "") {
  return "delivery:\n"
         "  backoff_initial: 200ms\n"
         "  backoff_max: 2s\n"
         "  max_attempts: 4\n"
         "  timeout: 2s\n" + extra;
}

void add_post(const Site& site, int id, const std::string& title = "",
              const std::string& section = "Local") {
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                   test::post(id, title.empty() ? "Noticia nueva " + std::to_string(id) : title,
                              "2024-03-01T10:00:00-06:00", section));
}

boost::json::object body_of(const ReceivedRequest& request) {
  return boost::json::parse(request.body).as_object();
}

bool verifies(const ReceivedRequest& request) {
  return verify_standard_webhook(kSecret, request.header("webhook-id"),
                                 std::stoll(request.header("webhook-timestamp")), request.body,
                                 request.header("webhook-signature"));
}

// No more requests arrive within `quiet`.
bool stays_at(const HttpReceiver& receiver, std::size_t count, std::chrono::milliseconds quiet = 700ms) {
  std::this_thread::sleep_for(quiet);
  return receiver.count() == count;
}

// The value of the sample `name` (with its labels) in the daemon's /metrics; -1 when absent.
double metric(const Site& site, const std::string& name) {
  std::string body = test::http_request(site.port, "GET", "/metrics").body;
  std::size_t at = ("\n" + body).find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(body.substr(at + name.size() + 1));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery)

BOOST_AUTO_TEST_CASE(a_new_post_is_announced_once_and_signed) {
  HttpReceiver receiver;
  Site site(5, "targets:\n" + target("hook", receiver) + delivery_section());
  {
    DaemonProcess daemon(site.config_path());
    require_started(daemon);
    // First start: the five posts present count as announced.
    BOOST_TEST(stays_at(receiver, 0), daemon.log());

    add_post(site, 2000, "Nueva ciclovía en el centro");
    BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());
    ReceivedRequest request = receiver.requests().at(0);
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(request.target == "/hooks/hook");
    BOOST_TEST(request.header("content-type") == "application/json");
    BOOST_TEST(request.header("webhook-id").rfind("msg_", 0) == 0);
    BOOST_TEST(verifies(request));
    boost::json::object body = body_of(request);
    BOOST_TEST(body.at("type").as_string() == "post.published");
    const boost::json::object& data = body.at("data").as_object();
    BOOST_TEST(data.at("id").as_string() == "2000");
    BOOST_TEST(data.at("title").as_string() == "Nueva ciclovía en el centro");
    BOOST_TEST(data.at("url").as_string() ==
               "https://noticias.example.org/noticias/2024/03/01/nueva-ciclovia-en-el-centro/");
    BOOST_TEST(data.at("image").as_string() == "https://noticias.example.org/uploads/2000.png");
    BOOST_TEST(data.at("image_alt").as_string() == "Imagen");

    // An edit, a rename and a reload announce nothing.
    add_post(site, 2000, "Nueva ciclovía en el centro (actualizado)");
    BOOST_TEST_REQUIRE(test::wait_until([&] { return site.feed_has("(actualizado)"); }, test::kChange));
    std::filesystem::rename(site.content("nuevas/n2000.md"), site.content("nuevas/renombrada.md"));
    daemon.signal(SIGHUP);
    BOOST_TEST_REQUIRE(daemon.wait_notify_count("READY=1", 2, test::kStart), daemon.log());
    BOOST_TEST(stays_at(receiver, 1), daemon.log());
    daemon.signal(SIGTERM);
    BOOST_TEST_REQUIRE(daemon.wait_exit(10s) == 0, daemon.log());
  }
  // A restart announces nothing old, and what arrived while it was down.
  add_post(site, 2001);
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  BOOST_TEST(body_of(receiver.requests().at(1)).at("data").at("id").as_string() == "2001");
  BOOST_TEST(stays_at(receiver, 2), daemon.log());
  // Secrets never reach the log.
  BOOST_TEST(daemon.log().find(std::string(kSecret).substr(6)) == std::string::npos);
  // The control socket is the owner's only.
  struct stat info {};
  BOOST_TEST_REQUIRE(::stat((site.dir / "state/control.sock").c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600);
}

BOOST_AUTO_TEST_CASE(failures_are_retried_with_the_same_id_at_the_configured_spacing) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int index) {
    return index < 2 ? Reply::with_status(500, "boom") : Reply::ok();
  });
  Site site(2, "targets:\n" + target("hook", receiver) + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(3, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST(requests[0].header("webhook-id") == requests[1].header("webhook-id"));
  BOOST_TEST(requests[1].header("webhook-id") == requests[2].header("webhook-id"));
  for (const ReceivedRequest& request : requests) BOOST_TEST(verifies(request));
  // Backoff 200 ms doubling, jitter within [half, whole].
  BOOST_TEST((requests[1].arrival - requests[0].arrival) >= 100ms);
  BOOST_TEST((requests[2].arrival - requests[1].arrival) >= 200ms);
  BOOST_TEST(stays_at(receiver, 3), daemon.log());
  BOOST_TEST(test::wait_until([&] { return test::target_status(site, "hook").at("sent").as_int64() == 1; }, 5s));
  // The hook's two failures count as retries (so do the refusing hub's pings).
  BOOST_TEST(metric(site, "herald_deliveries_total{outcome=\"sent\"}") == 1);
  BOOST_TEST(metric(site, "herald_delivery_retries_total") >= 2);
  BOOST_TEST(metric(site, "herald_deliveries_in_flight") >= 0);
  BOOST_TEST(metric(site, "herald_deliveries_waiting{target=\"hook\"}") == 0);
  BOOST_TEST(metric(site, "herald_delivery_oldest_waiting_seconds{target=\"hook\"}") == 0);
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int index) {
    return index == 0 ? Reply::retry_after("1") : Reply::ok();
  });
  Site site(2, "targets:\n" + target("hook", receiver) + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST((requests[1].arrival - requests[0].arrival) >= 950ms);
}

BOOST_AUTO_TEST_CASE(a_hung_or_resetting_receiver_is_retried) {
  HttpReceiver receiver;
  receiver.set_behavior([](const ReceivedRequest&, int index) {
    if (index == 0) return Reply::hang();
    if (index == 1) return Reply::reset();
    return Reply::ok();
  });
  Site site(2, "targets:\n" + target("hook", receiver, "    timeout: 500ms\n") + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(3, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST((requests[1].arrival - requests[0].arrival) >= 500ms);
  BOOST_TEST(requests[0].header("webhook-id") == requests[2].header("webhook-id"));
  BOOST_TEST(test::wait_until([&] { return test::target_status(site, "hook").at("sent").as_int64() == 1; }, 5s));
}

BOOST_AUTO_TEST_CASE(a_permanent_error_is_a_dead_letter_until_retried) {
  HttpReceiver receiver;
  std::atomic<bool> gone{true};
  receiver.set_behavior([&gone](const ReceivedRequest&, int) {
    return gone.load() ? Reply::with_status(410, "gone") : Reply::ok();
  });
  HttpReceiver other;
  Site site(2, "targets:\n" + target("gone", receiver) + target("fine", other) + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(other.wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST(stays_at(receiver, 1), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return test::target_status(site, "gone").at("dead").as_int64() == 1; }, 5s));
  boost::json::object dead = test::target_status(site, "gone");
  BOOST_TEST(std::string(dead.at("last_error").as_string()).find("410") != std::string::npos, dead);
  BOOST_TEST(test::target_status(site, "fine").at("sent").as_int64() == 1);
  BOOST_TEST(metric(site, "herald_deliveries_total{outcome=\"dead\"}") >= 1);
  BOOST_TEST(metric(site, "herald_deliveries_waiting{target=\"gone\"}") == 0);  // dead is finished

  test::CommandResult human = test::herald_cli(site, {"status"});
  BOOST_TEST(human.exit_code == 0);
  BOOST_TEST(human.out.find("gone") != std::string::npos, human.out);

  gone = false;
  test::CommandResult retried = test::herald_cli(site, {"retry", "--target", "gone"});
  BOOST_TEST(retried.exit_code == 0, retried.err);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  BOOST_TEST(test::wait_until([&] { return test::target_status(site, "gone").at("sent").as_int64() == 1; }, 5s));
  BOOST_TEST(other.count() == 1u);
}

BOOST_AUTO_TEST_CASE(targets_filter_by_section) {
  HttpReceiver sports;
  HttpReceiver all;
  Site site(2, "targets:\n" + target("sports", sports, "    sections: [deportes]\n") +
                   target("all", all) + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000, "Obras", "Local");
  add_post(site, 2001, "Final de fútbol", "Deportes");
  BOOST_TEST_REQUIRE(all.wait_for_count(2, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(sports.wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST(stays_at(sports, 1));
  BOOST_TEST(body_of(sports.requests().at(0)).at("data").at("id").as_string() == "2001");
}

BOOST_AUTO_TEST_CASE(wait_for_url_holds_the_announcement_until_the_page_answers) {
  // One receiver plays both the site (the post's public URL) and the hook.
  HttpReceiver receiver;
  std::atomic<int> probes{0};
  receiver.set_behavior([&probes](const ReceivedRequest& request, int) {
    if (request.target.rfind("/noticias/", 0) == 0) {
      return ++probes <= 2 ? Reply::with_status(404, "not yet") : Reply::ok();
    }
    return Reply::ok();
  });
  Site site(2, "targets:\n" + target("hook", receiver, "    wait_for_url: true\n") +
                   delivery_section("  url_check_interval: 200ms\n"));
  // The site's public URL is the receiver.
  std::string config = test::read_file(site.config_path());
  config.replace(config.find("https://noticias.example.org/"), std::string("https://noticias.example.org/").size(),
                 receiver.url("/"));
  test::write_file(site.config_path(), config);
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(test::wait_until(
      [&] {
        for (const ReceivedRequest& request : receiver.requests()) {
          if (request.target == "/hooks/hook") return true;
        }
        return false;
      },
      kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST_REQUIRE(requests.size() >= 4u, daemon.log());
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(requests[i].method == "GET");
    BOOST_TEST(requests[i].target == "/noticias/2024/03/01/noticia-nueva-2000/");
  }
  BOOST_TEST(requests[3].target == "/hooks/hook");
  BOOST_TEST((requests[1].arrival - requests[0].arrival) >= 150ms);
  // The probes used no attempt: the delivery was sent at its first.
  BOOST_TEST(test::wait_until([&] { return test::target_status(site, "hook").at("sent").as_int64() == 1; }, 5s));
}

BOOST_AUTO_TEST_CASE(resend_sends_again_with_a_new_id_or_shows_the_request) {
  HttpReceiver receiver;
  Site site(2, "targets:\n" + target("hook", receiver) + delivery_section());
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());

  test::CommandResult dry = test::herald_cli(site, {"resend", "2000", "--target", "hook", "--dry-run", "--json"});
  BOOST_TEST_REQUIRE(dry.exit_code == 0, dry.err);
  boost::json::object shown = boost::json::parse(dry.out).as_object();
  const boost::json::object& request = shown.at("deliveries").at(0).at("request").as_object();
  BOOST_TEST(request.at("method").as_string() == "POST");
  BOOST_TEST(std::string(request.at("url").as_string()).find("/hooks/hook") == std::string::npos);
  BOOST_TEST(std::string(request.at("body").as_string()).find("\"id\":\"2000\"") != std::string::npos);
  BOOST_TEST(dry.out.find(std::string(kSecret).substr(6)) == std::string::npos);
  BOOST_TEST(stays_at(receiver, 1));

  test::CommandResult resent = test::herald_cli(site, {"resend", "nuevas/n2000.md"});
  BOOST_TEST_REQUIRE(resent.exit_code == 0, resent.err);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST(requests[0].header("webhook-id") != requests[1].header("webhook-id"));
  BOOST_TEST(verifies(requests[1]));

  test::CommandResult missing = test::herald_cli(site, {"resend", "999999"});
  BOOST_TEST(missing.exit_code != 0);
  BOOST_TEST(missing.err.find("999999") != std::string::npos, missing.err);
}

// WebSub: after a feed file changes, each hub hears of it (hub.mode=publish,
// hub.url = the feed's URL), with retries through the outbox.
BOOST_AUTO_TEST_CASE(hubs_are_pinged_for_every_changed_feed_with_retries) {
  HttpReceiver hub;
  std::atomic<int> failures{0};
  hub.set_behavior([&](const ReceivedRequest&, int) {
    return failures.fetch_add(1) == 0 ? Reply::with_status(503, "busy") : Reply::with_status(204);
  });
  Site site(3);
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", delivery_section(),
                                                   hub.url("/publish")));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  // The first build wrote every feed: the main, section and tag feeds in three formats.
  const std::set<std::string> expected = {
      "https://noticias.example.org/rss.xml", "https://noticias.example.org/atom.xml",
      "https://noticias.example.org/feed.json"};
  // The feeds the hub accepted a ping for: every request but the first, which it refused.
  auto topics = [&] {
    std::set<std::string> seen;
    std::vector<ReceivedRequest> all = hub.requests();
    for (std::size_t i = 1; i < all.size(); ++i) {
      if (all[i].body.rfind("hub.mode=publish&hub.url=", 0) == 0) seen.insert(all[i].body.substr(25));
    }
    return seen;
  };
  // Settled: the main feeds are pinged, and so is the refused one's retry.
  auto has_main_feeds = [&] {
    std::set<std::string> seen = topics();
    std::vector<ReceivedRequest> all = hub.requests();
    return !all.empty() && seen.count(all[0].body.substr(25)) == 1 &&
           std::includes(seen.begin(), seen.end(), expected.begin(), expected.end());
  };
  BOOST_TEST_REQUIRE(test::wait_until(has_main_feeds, kDelivery), daemon.log());
  // Every ping of the first build has been answered (the section and tag feeds' too).
  auto hub_idle = [&] {
    test::CommandResult status = test::herald_cli(site, {"status", "--json"});
    if (status.exit_code != 0) return false;
    boost::json::value parsed = boost::json::parse(status.out);
    for (const boost::json::value& t : parsed.at("targets").as_array()) {
      if (t.at("pending").as_int64() != 0 || t.at("in_flight").as_int64() != 0) return false;
    }
    return true;
  };
  BOOST_TEST_REQUIRE(test::wait_until(hub_idle, kDelivery), daemon.log());
  BOOST_TEST(hub.requests().at(0).method == "POST");
  BOOST_TEST(hub.requests().at(0).header("content-type") == "application/x-www-form-urlencoded");
  std::size_t before = hub.count();
  // A new post changes the main feeds again (and its section's and tag's).
  add_post(site, 2000, "Nueva ciclovía en el centro");
  auto pinged_again = [&](const std::string& topic) {
    std::vector<ReceivedRequest> all = hub.requests();
    return std::count_if(all.begin() + static_cast<long>(before), all.end(), [&](const ReceivedRequest& r) {
      return r.body == "hub.mode=publish&hub.url=" + topic;
    });
  };
  BOOST_TEST_REQUIRE(test::wait_until(
                         [&] {
                           return pinged_again("https://noticias.example.org/rss.xml") > 0 &&
                                  pinged_again("https://noticias.example.org/secciones/local/atom.xml") > 0;
                         },
                         kDelivery),
                     daemon.log());
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(pinged_again("https://noticias.example.org/rss.xml") == 1);
  BOOST_TEST(pinged_again("https://noticias.example.org/secciones/local/atom.xml") == 1);
  BOOST_TEST(daemon.log().find("websub-127.0.0.1") != std::string::npos, daemon.log());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
