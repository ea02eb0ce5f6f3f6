// Delivery benchmark: a real `herald run` announces N new posts to T
// webhook targets played by one loopback receiver (tests/support/loopback),
// N x T deliveries in all. With --postgres the outbox is a private
// PostgreSQL 15 (tests/support/postgres) shared by --instances I herald
// processes, each with its own copy of the content, the posts landing in
// every copy at once. Prints throughput (deliveries/s from the moment
// the posts land to the last arrival), the median and p99 delivery latency
// (arrival - landing), and the daemon's resident memory before and after.
//
//   build/tests/delivery_bench [--posts 100] [--targets 100] [--blackhole]
//                              [--postgres [--instances 2]]
//
// --blackhole makes target 0 accept and never answer (its requests time
// out): the others' latency must not move (issue 4's isolation goal).
// tests/bench/run_delivery_bench.sh runs both cases and prints the figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "tests/e2e/daemon_process.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/postgres/postgres_server.h"
#include "tests/support/test_support.h"

namespace {

using namespace std::chrono_literals;
using herald::test::DaemonProcess;
using herald::test::HttpReceiver;
using herald::test::ReceivedRequest;
using herald::test::Reply;
using Clock = std::chrono::steady_clock;

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

std::string post(int id) {
  return "---\ntitle: \"Noticia " + std::to_string(id) +
         "\"\ndate: 2024-02-01T10:00:00-06:00\nsection: Local\ntags: [Obras]\nnews_id: " +
         std::to_string(id) + "\ndescription: \"Resumen\"\n---\n\nCuerpo.\n";
}

// The daemon's CPU time (user + system), in seconds.
double cpu_seconds_of(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  std::vector<std::string> values;
  while (fields >> field) values.push_back(field);
  if (values.size() <= 13) return 0;
  return (std::stod(values[11]) + std::stod(values[12])) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The state section: SQLite in the site, or the shared database as `instance`.
std::string state_yaml(const herald::DatabaseConfig* db, const std::string& password_file, int instance) {
  if (db == nullptr) return "state: {dir: state}\n";
  return "state:\n  dir: state\n  database: 'postgresql://" + db->user + "@" + db->host + ":" +
         std::to_string(db->port) + "/" + db->dbname + "'\n  database_password_file: " + password_file +
         "\n  instance: bench" + std::to_string(instance) + "\n";
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int posts = 100;
  int targets = 100;
  bool blackhole = false;
  bool postgres = false;
  int instances = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--posts" && i + 1 < argc) {
      posts = std::atoi(argv[++i]);
    } else if (arg == "--targets" && i + 1 < argc) {
      targets = std::atoi(argv[++i]);
    } else if (arg == "--blackhole") {
      blackhole = true;
    } else if (arg == "--postgres") {
      postgres = true;
    } else if (arg == "--instances" && i + 1 < argc) {
      instances = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: delivery_bench [--posts N] [--targets T] [--blackhole] "
                           "[--postgres [--instances I]]\n");
      return 2;
    }
  }
  HttpReceiver receiver(targets);
  unsigned short hole = receiver.port(0);
  receiver.set_behavior([&](const ReceivedRequest& request, int) {
    return blackhole && request.port == hole ? Reply::hang() : Reply::ok();
  });

  if (!postgres) instances = 1;
  std::unique_ptr<herald::test::PostgresServer> server;
  herald::DatabaseConfig db;
  herald::test::TempDir secrets;
  if (postgres) {
    server = std::make_unique<herald::test::PostgresServer>();
    db = server->create_database();
    herald::test::write_file(secrets / "db-password", db.password + "\n");
  }
  std::string common =
      "site: {title: Bench, url: \"https://bench.example.org/\", timezone: UTC, author: Bench}\n"
      "content: {dir: content, fields: {id: news_id}}\n"
      "output: {dir: public}\n"
      "log: {level: warning}\n"
      "delivery: {concurrency: 8, rate_per_second: 10000, timeout: 30s}\n"
      "targets:\n";
  for (int t = 0; t < targets; ++t) {
    common += "  - {name: t" + std::to_string(t) + ", type: webhook, url: \"" +
              receiver.url("/hook", t) + "\", secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}\n";
  }
  std::vector<std::unique_ptr<herald::test::TempDir>> sites;
  std::vector<std::unique_ptr<DaemonProcess>> daemons;
  for (int n = 0; n < instances; ++n) {
    auto& site = *sites.emplace_back(std::make_unique<herald::test::TempDir>());
    herald::test::write_file(site / "herald.yaml",
                             common + state_yaml(postgres ? &db : nullptr, secrets / "db-password", n + 1));
    std::filesystem::create_directories(site / "content");
    DaemonProcess& daemon = *daemons.emplace_back(std::make_unique<DaemonProcess>(site / "herald.yaml"));
    if (!daemon.wait_notify("READY=1", 60s)) {
      std::fprintf(stderr, "herald did not start:\n%s\n", daemon.log().text().c_str());
      return 1;
    }
  }
  DaemonProcess& daemon = *daemons.front();
  long rss_before = rss_kib(daemon.pid());

  herald::test::TempDir staging;
  for (int n = 0; n < instances; ++n) {
    for (int i = 0; i < posts; ++i) {
      herald::test::write_file(staging / (std::to_string(n) + "/n" + std::to_string(i) + ".md"), post(10000 + i));
    }
  }
  Clock::time_point landed = Clock::now();
  for (int n = 0; n < instances; ++n) {
    std::filesystem::rename(staging / std::to_string(n), *sites[static_cast<std::size_t>(n)] / "content/lote");
  }

  std::size_t expected = static_cast<std::size_t>(posts) * static_cast<std::size_t>(targets - (blackhole ? 1 : 0));
  long rss_peak = rss_before;
  bool done = false;
  Clock::time_point deadline = Clock::now() + 300s;
  while (!done && Clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    rss_peak = std::max(rss_peak, rss_kib(daemon.pid()));
    // The black hole receives (and never answers) at most its concurrency.
    done = receiver.count() >= expected + (blackhole ? 1 : 0) &&
           (!blackhole || [&] {
             std::size_t answered = 0;
             for (const ReceivedRequest& request : receiver.requests()) answered += request.port != hole;
             return answered >= expected;
           }());
  }
  std::vector<ReceivedRequest> requests = receiver.requests();
  std::vector<double> latencies;
  Clock::time_point last = landed;
  for (const ReceivedRequest& request : requests) {
    if (blackhole && request.port == hole) continue;
    latencies.push_back(std::chrono::duration<double, std::milli>(request.arrival - landed).count());
    last = std::max(last, request.arrival);
  }
  double seconds = std::chrono::duration<double>(last - landed).count();
  long rss_after = rss_kib(daemon.pid());
  double cpu_seconds = 0;
  for (const auto& d : daemons) cpu_seconds += cpu_seconds_of(d->pid());
  std::printf("%s: %zu deliveries to %d targets (%d posts)%s; outbox: %s\n", done ? "ok" : "INCOMPLETE",
              latencies.size(), targets, posts, blackhole ? ", target t0 black-holed" : "",
              postgres ? ("PostgreSQL, " + std::to_string(instances) + " instance(s)").c_str() : "SQLite");
  std::printf("throughput: %.0f deliveries/s (%.2f s from landing to the last arrival)\n",
              static_cast<double>(latencies.size()) / seconds, seconds);
  std::printf("latency (landing -> arrival): median %.0f ms, p99 %.0f ms\n", percentile(latencies, 0.5),
              percentile(latencies, 0.99));
  std::printf("daemon CPU: %.2f s in all, every instance (start-up included)\n", cpu_seconds);
  std::printf("daemon RSS (the first instance): %ld MiB before, %ld MiB peak, %ld MiB after\n", rss_before / 1024,
              rss_peak / 1024, rss_after / 1024);
  return done ? 0 : 1;
}
