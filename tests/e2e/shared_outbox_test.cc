// Several `herald run` instances on one PostgreSQL outbox (state.database),
// real processes and a real PostgreSQL 15: two instances seeing the same
// new post at the same moment announce it once; the outbox crash test
// with three instances killed at random moments (kill -9) and started
// again; PostgreSQL restarted while posts are being delivered. Receivers
// are loopback webhooks that count what reaches them.
//
// The crash test's size: HERALD_CLUSTER_POSTS (default 150) posts and
// HERALD_CLUSTER_KILLS (default 6) kills, small enough for CI; the issue's
// full size is documented in docs/operations.md:
//   HERALD_CLUSTER_POSTS=1000 HERALD_CLUSTER_KILLS=20 build/tests/e2e_tests
//     --run_test=shared_outbox/three_instances_killed_at_random_lose_nothing
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/cluster_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::Cluster;
using test::HttpReceiver;
using test::ReceivedRequest;
using test::Reply;

int setting(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::atoi(text) : fallback;
}

// `count` webhook targets r0.. answering 200 after `delay`, and their YAML.
std::string receivers(std::vector<std::unique_ptr<HttpReceiver>>& out, int count, std::chrono::milliseconds delay) {
  std::string yaml = "targets:\n";
  for (int i = 0; i < count; ++i) {
    out.push_back(std::make_unique<HttpReceiver>());
    out.back()->set_behavior([delay](const ReceivedRequest&, int) { return Reply::ok().after(delay); });
    yaml += "  - name: r" + std::to_string(i) + "\n    type: webhook\n    url: \"" + out.back()->url("/hook") +
            "\"\n    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n    concurrency: 2\n";
  }
  return yaml + "delivery:\n  backoff_initial: 100ms\n  backoff_max: 1s\n  rate_per_second: 1000\n"
                "  timeout: 5s\n  lease: 10s\n";
}

// Writes `bytes` as `rel` (relative to content.dir; removes it when empty)
// in every instance's content, then waits until each instance's feed
// shows `sign` (or lost it, `shown` false) and a synchronous reload
// returned: each has recorded the change or found it recorded.
void change_everywhere(Cluster& cluster, const std::string& rel, const std::string& bytes, const std::string& sign,
                       bool shown) {
  for (int i = 0; i < cluster.size(); ++i) {
    if (bytes.empty()) {
      std::filesystem::remove(cluster.site(i).content(rel));
    } else {
      test::TempDir staging;
      test::write_file(staging / "post.md", bytes);
      std::filesystem::copy_file(staging / "post.md", cluster.site(i).content(rel + ".new"));
      std::filesystem::rename(cluster.site(i).content(rel + ".new"), cluster.site(i).content(rel));
    }
  }
  for (int i = 0; i < cluster.size(); ++i) {
    BOOST_TEST_REQUIRE(test::wait_until([&] { return cluster.site(i).feed_has(sign) == shown; }, test::kChange),
                       cluster.logs());
    test::CommandResult reloaded = test::herald_cli(cluster.site(i), {"reload"});
    BOOST_TEST_REQUIRE(reloaded.exit_code == 0, reloaded.err);
  }
}

// The requests of `receiver` whose event is `event`.
std::size_t requests_of(const HttpReceiver& receiver, const std::string& event) {
  std::size_t n = 0;
  for (const ReceivedRequest& request : receiver.requests()) {
    n += boost::json::parse(request.body).at("type").as_string() == event;
  }
  return n;
}

constexpr auto posts = &test::numbered_posts;

std::string post_of(const ReceivedRequest& request) {
  return std::string(boost::json::parse(request.body).at("data").at("id").as_string());
}

// Every post a receiver got, and the repeats: each repeat must carry the
// webhook-id the post came with first (a receiver deduping by it sees one).
std::set<std::string> received_posts(const HttpReceiver& receiver, std::size_t* repeats) {
  std::map<std::string, std::string> id_of_post;
  for (const ReceivedRequest& request : receiver.requests()) {
    auto [known, fresh] = id_of_post.emplace(post_of(request), request.header("webhook-id"));
    if (fresh) continue;
    ++*repeats;
    BOOST_TEST(known->second == request.header("webhook-id"), "post " << known->first);
  }
  std::set<std::string> ids;
  for (const auto& [post, id] : id_of_post) ids.insert(post);
  return ids;
}

// Waits until every receiver has `count` posts.
void wait_for_all(Cluster& cluster, const std::vector<std::unique_ptr<HttpReceiver>>& receivers, std::size_t count) {
  for (const auto& receiver : receivers) {
    BOOST_TEST_REQUIRE(test::wait_until(
                           [&] {
                             std::size_t repeats = 0;
                             return received_posts(*receiver, &repeats).size() == count;
                           },
                           180s),
                       cluster.logs());
  }
}

// Waits until herald status of instance i shows every webhook target with
// `sent` sent and nothing pending or in flight (an outcome the database
// could not take leaves its delivery in flight until the lease expires,
// then it is sent again with its webhook-id).
void wait_settled(Cluster& cluster, int i, int targets, std::int64_t sent) {
  for (int t = 0; t < targets; ++t) {
    BOOST_TEST_REQUIRE(test::wait_until(
                           [&] {
                             auto status = test::find_target_status(cluster.site(i), "r" + std::to_string(t));
                             return status && status->at("sent").as_int64() == sent &&
                                    status->at("pending").as_int64() == 0 && status->at("in_flight").as_int64() == 0;
                           },
                           60s),
                       cluster.logs());
  }
}

// herald status of instance i agrees: every webhook target sent `sent`,
// nothing pending, in flight or dead; returns who sent them.
std::map<std::string, std::int64_t> check_status(Cluster& cluster, int i, int targets, std::int64_t sent) {
  std::map<std::string, std::int64_t> senders;
  for (int t = 0; t < targets; ++t) {
    boost::json::object status = test::target_status(cluster.site(i), "r" + std::to_string(t));
    BOOST_TEST(status.at("sent").as_int64() == sent, status);
    BOOST_TEST(status.at("pending").as_int64() == 0, status);
    BOOST_TEST(status.at("in_flight").as_int64() == 0, status);
    BOOST_TEST(status.at("dead").as_int64() == 0, status);
    for (const auto& [instance, count] : status.at("sent_by").as_object()) senders[instance] += count.as_int64();
  }
  return senders;
}

// Points every instance's feeds.hubs at `hub` (a Cluster's sites name a
// refusing hub).
void use_hub(Cluster& cluster, const std::string& hub) {
  for (int i = 0; i < cluster.size(); ++i) {
    std::ifstream in(cluster.site(i).config_path());
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    std::size_t at = config.find(test::kRefusingHub);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    test::write_file(cluster.site(i).config_path(), config.replace(at, std::string(test::kRefusingHub).size(), hub));
  }
}

// How many pings the hub got for each feed URL.
std::map<std::string, int> pings_by_topic(const HttpReceiver& hub) {
  std::map<std::string, int> topics;
  for (const ReceivedRequest& r : hub.requests()) {
    const std::string prefix = "hub.mode=publish&hub.url=";
    if (r.body.rfind(prefix, 0) == 0) ++topics[r.body.substr(prefix.size())];
  }
  return topics;
}

// Two instances on a new database, with `yaml`, both started.
std::unique_ptr<Cluster> two_started(const std::string& yaml) {
  auto cluster = std::make_unique<Cluster>(test::PostgresServer::shared().create_database(), 2, yaml);
  cluster->start(0);
  cluster->start(1);
  return cluster;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_outbox, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(two_instances_seeing_a_new_post_at_once_announce_it_once) {
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  std::unique_ptr<Cluster> owned = two_started(receivers(hooks, 1, 0ms));
  Cluster& cluster = *owned;
  cluster.add_posts("lote", posts(7000, 1));
  // Both instances handled the change: its feeds name the post, and a
  // synchronous reload (queued behind the change on the site's thread)
  // returned, so each has recorded the post or found it recorded.
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST_REQUIRE(test::wait_until([&] { return cluster.site(i).feed_has("Noticia 7000"); }, test::kChange));
    test::CommandResult reloaded = test::herald_cli(cluster.site(i), {"reload"});
    BOOST_TEST_REQUIRE(reloaded.exit_code == 0, reloaded.err);
  }
  wait_for_all(cluster, hooks, 1);
  wait_settled(cluster, 1, 1, 1);
  BOOST_TEST(hooks[0]->requests().size() == 1u, cluster.logs());
  for (int i = 0; i < 2; ++i) {
    std::map<std::string, std::int64_t> senders = check_status(cluster, i, 1, 1);
    BOOST_TEST(senders.size() == 1u);
  }
  test::CommandResult listed = test::herald_cli(cluster.site(0), {"list", "--utc"});
  BOOST_TEST(listed.exit_code == 0, listed.err);
  BOOST_TEST(listed.out.find("sent by web") != std::string::npos, listed.out);
  test::CommandResult status = test::herald_cli(cluster.site(1), {"status"});
  BOOST_TEST(status.out.find("instance: web2, sharing the outbox in postgresql://herald@127.0.0.1:") !=
                 std::string::npos,
             status.out);
}

// With every instance down, herald status and list read the shared
// database (state.dir holds no outbox): the cluster's counts and senders.
BOOST_AUTO_TEST_CASE(status_and_list_with_every_instance_down_read_the_shared_database) {
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  std::unique_ptr<Cluster> owned = two_started(receivers(hooks, 1, 0ms));
  Cluster& cluster = *owned;
  cluster.add_posts("lote", posts(7200, 2));
  wait_for_all(cluster, hooks, 2);
  wait_settled(cluster, 0, 1, 2);
  cluster.kill(0);
  cluster.kill(1);
  test::CommandResult status = test::herald_cli(cluster.site(1), {"status", "--json"});
  BOOST_TEST_REQUIRE(status.exit_code == 0, status.err);
  boost::json::object answer = boost::json::parse(status.out).as_object();
  BOOST_TEST(answer.at("daemon").at("running").as_bool() == false);
  const std::string shown(answer.at("outbox").at("path").as_string());
  BOOST_TEST(shown.starts_with("postgresql://herald@127.0.0.1:"), shown);
  BOOST_TEST(answer.at("outbox").at("found").as_bool());
  boost::json::object r0 = test::target_status(cluster.site(1), "r0");
  BOOST_TEST(r0.at("sent").as_int64() == 2, r0);
  std::int64_t by_instances = 0;
  for (const auto& [instance, count] : r0.at("sent_by").as_object()) by_instances += count.as_int64();
  BOOST_TEST(by_instances == 2, r0);
  test::CommandResult text = test::herald_cli(cluster.site(1), {"status"});
  BOOST_TEST(text.out.find("outbox: postgresql://herald@127.0.0.1:") != std::string::npos, text.out);
  test::CommandResult listed = test::herald_cli(cluster.site(0), {"list", "--utc"});
  BOOST_TEST(listed.exit_code == 0, listed.err);
  BOOST_TEST(listed.out.find("Noticia 7201") != std::string::npos, listed.out);
  BOOST_TEST(listed.out.find("sent by web") != std::string::npos, listed.out);
  BOOST_TEST(listed.err.find("herald: read from postgresql://herald@127.0.0.1:") != std::string::npos,
             listed.err);
}

// An edit and a deletion that both instances see are announced once each,
// by whichever instance recorded the change first; the other logs it.
BOOST_AUTO_TEST_CASE(two_instances_seeing_an_edit_and_a_deletion_announce_each_once) {
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  std::string yaml = receivers(hooks, 1, 0ms);
  yaml.replace(yaml.find("    concurrency: 2\n"), 0, "    events: [post.published, post.updated, post.deleted]\n");
  std::unique_ptr<Cluster> owned = two_started(yaml);
  Cluster& cluster = *owned;
  const std::string date = "2024-02-01T10:00:00-06:00";
  change_everywhere(cluster, "n7100.md", test::post(7100, "Noticia 7100", date), "Noticia 7100", true);
  wait_for_all(cluster, hooks, 1);
  change_everywhere(cluster, "n7100.md", test::post(7100, "Noticia 7100 corregida", date), "Noticia 7100 corregida",
                    true);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return requests_of(*hooks[0], "post.updated") == 1; }, 60s),
                     cluster.logs());
  change_everywhere(cluster, "n7100.md", "", "Noticia 7100", false);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return requests_of(*hooks[0], "post.deleted") == 1; }, 60s),
                     cluster.logs());
  wait_settled(cluster, 1, 1, 3);
  BOOST_TEST(requests_of(*hooks[0], "post.published") == 1u);
  BOOST_TEST(requests_of(*hooks[0], "post.updated") == 1u);
  BOOST_TEST(requests_of(*hooks[0], "post.deleted") == 1u);
  BOOST_TEST(hooks[0]->requests().size() == 3u, cluster.logs());
  const std::string logs = cluster.logs();
  BOOST_TEST(logs.find("1 edit(s) or deletion(s) of posts already recorded by another instance") != std::string::npos,
             logs);
}

BOOST_AUTO_TEST_CASE(three_instances_killed_at_random_lose_nothing) {
  const int kPosts = setting("HERALD_CLUSTER_POSTS", 150);
  const int kKills = setting("HERALD_CLUSTER_KILLS", 6);
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  Cluster cluster(test::PostgresServer::shared().create_database(), 3, receivers(hooks, 3, 15ms));
  for (int i = 0; i < cluster.size(); ++i) cluster.start(i);
  cluster.add_posts("lote", posts(5000, kPosts));

  std::mt19937 random(20261204);
  std::uniform_int_distribution<int> pause_ms(20, 400);
  std::uniform_int_distribution<int> which(0, cluster.size() - 1);
  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
    int victim = which(random);
    cluster.kill(victim);
    cluster.start(victim);
  }
  wait_for_all(cluster, hooks, static_cast<std::size_t>(kPosts));
  std::size_t repeats = 0;
  for (const auto& hook : hooks) received_posts(*hook, &repeats);
  BOOST_TEST_MESSAGE(repeats << " repeated deliveries, all with a known webhook-id");
  wait_settled(cluster, 0, static_cast<int>(hooks.size()), kPosts);
  std::map<std::string, std::int64_t> senders;
  for (int i = 0; i < cluster.size(); ++i) senders = check_status(cluster, i, static_cast<int>(hooks.size()), kPosts);
  std::int64_t total = 0;
  for (const auto& [instance, sent] : senders) {
    BOOST_TEST_MESSAGE(instance << " sent " << sent);
    total += sent;
  }
  BOOST_TEST(total == static_cast<std::int64_t>(kPosts) * static_cast<std::int64_t>(hooks.size()));
}

BOOST_AUTO_TEST_CASE(postgresql_restarted_mid_run_loses_nothing) {
  constexpr int kPosts = 60;
  test::PostgresServer server;  // its own: restarted below
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  Cluster cluster(server.create_database(), 2, receivers(hooks, 2, 15ms));
  cluster.start(0);
  cluster.start(1);
  cluster.add_posts("lote", posts(6000, kPosts / 2));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return !hooks[0]->requests().empty(); }, 30s), cluster.logs());
  server.restart();
  // New posts while the instances reconnect, then more after.
  cluster.add_posts("lote2", posts(6000 + kPosts / 2, kPosts / 2));
  wait_for_all(cluster, hooks, kPosts);
  std::size_t repeats = 0;
  for (const auto& hook : hooks) received_posts(*hook, &repeats);
  BOOST_TEST_MESSAGE(repeats << " repeated deliveries, all with a known webhook-id");
  wait_settled(cluster, 0, 2, kPosts);
  check_status(cluster, 0, 2, kPosts);
  BOOST_TEST(cluster.daemon(0).running());
  BOOST_TEST(cluster.daemon(1).running());
}

// The database away: the instance serves and rebuilds its feeds, /healthz
// says why it is not well, and a post seen meanwhile is announced once the
// database is back (the announcement it could not record is made again).
BOOST_AUTO_TEST_CASE(a_post_seen_while_the_database_is_away_is_announced_when_it_returns) {
  test::PostgresServer server;
  std::vector<std::unique_ptr<HttpReceiver>> hooks;
  Cluster cluster(server.create_database(), 1, receivers(hooks, 1, 0ms));
  cluster.start(0);
  server.stop_now();
  cluster.add_posts("lote", posts(8000, 1));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return cluster.site(0).feed_has("Noticia 8000"); }, test::kChange));
  BOOST_TEST_REQUIRE(test::wait_until(
                         [&] {
                           test::HttpReply health = test::http_request(cluster.site(0).port, "GET", "/healthz");
                           return health.status == 503 &&
                                  health.body.find("the state database is unreachable") != std::string::npos;
                         },
                         30s),
                     cluster.logs());
  BOOST_TEST(hooks[0]->requests().empty());
  server.start_again();
  wait_for_all(cluster, hooks, 1);
  wait_settled(cluster, 0, 1, 1);
  BOOST_TEST_REQUIRE(test::wait_until(
      [&] { return test::http_request(cluster.site(0).port, "GET", "/healthz").status == 200; }, 30s));
  BOOST_TEST(hooks[0]->requests().size() == 1u);
  BOOST_TEST(cluster.logs().find("outbox: resolved") != std::string::npos, cluster.logs());
}

// WebSub through the shared outbox: two instances building the same feeds
// ping the hub once per version of each feed for the cluster, at the first
// build and after a new post both see.
BOOST_AUTO_TEST_CASE(two_instances_ping_a_hub_once_per_feed_version) {
  HttpReceiver hub;
  hub.set_behavior([](const ReceivedRequest&, int) { return Reply::with_status(204); });
  Cluster cluster(test::PostgresServer::shared().create_database(), 2, "");
  use_hub(cluster, hub.url("/publish"));
  cluster.add_posts("lote", posts(9500, 3));
  cluster.start(0);
  cluster.start(1);
  const std::string main_feed = "https://noticias.example.org/rss.xml";
  auto settled = [&] {
    for (int i = 0; i < cluster.size(); ++i) {
      auto status = test::find_target_status(cluster.site(i), "websub-127.0.0.1");
      if (!status || status->at("pending").as_int64() != 0 || status->at("in_flight").as_int64() != 0) return false;
    }
    return pings_by_topic(hub).count(main_feed) == 1;
  };
  BOOST_TEST_REQUIRE(test::wait_until(settled, 60s), cluster.logs());
  std::map<std::string, int> first = pings_by_topic(hub);
  BOOST_TEST(first.size() >= 3u);  // rss, atom, json of the main feed, and the sections' and tags'
  for (const auto& [topic, count] : first) BOOST_TEST(count == 1, topic);

  cluster.add_posts("otro", posts(9600, 1));
  for (int i = 0; i < cluster.size(); ++i) {
    BOOST_TEST_REQUIRE(test::wait_until([&] { return cluster.site(i).feed_has("Noticia 9600"); }, test::kChange));
    test::CommandResult reloaded = test::herald_cli(cluster.site(i), {"reload"});
    BOOST_TEST_REQUIRE(reloaded.exit_code == 0, reloaded.err);
  }
  BOOST_TEST_REQUIRE(test::wait_until([&] { return settled() && pings_by_topic(hub)[main_feed] == 2; }, 60s),
                     cluster.logs());
  // One change, one more ping at most per feed, whichever instance saw it first.
  std::this_thread::sleep_for(500ms);
  for (const auto& [topic, count] : pings_by_topic(hub)) BOOST_TEST(count <= first[topic] + 1, topic);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
