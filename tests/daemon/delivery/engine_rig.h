// The delivery engine's test rig: an engine on a FakeDeliveryIo at kT0
// over a real outbox in a scratch directory, one webhook target `hook`,
// and the helpers its tests share (answers, webhook ids).
#pragma once

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "daemon/delivery/delivery_engine.h"
#include "daemon/outbox/outbox.h"
#include "tests/daemon/delivery/fake_delivery_io.h"
#include "tests/support/test_support.h"

namespace herald::test {


inline constexpr std::int64_t kT0 = 1'700'000'000'000;
inline constexpr std::int64_t kLease = 120'000;         // DeliveryConfig's default
inline constexpr std::int64_t kSweep = 60'000;          // a lane with nothing due looks again this often
inline constexpr std::int64_t kFirstBackoff = 22'500;   // 30 s backoff, equal jitter at 0.5
inline constexpr std::int64_t kSecondBackoff = 45'000;  // 60 s, likewise
inline constexpr std::int64_t kHour = 3'600'000;
inline const std::string kTarget = "hook";

inline Config webhook_config(int concurrency) {
  Config config;
  TargetConfig target;
  target.name = kTarget;
  target.type = TargetType::webhook;
  target.url = "https://hooks.example.org/herald";
  target.as<WebhookSettings>().secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  target.concurrency = concurrency;
  config.targets.push_back(target);
  config.delivery.rate_per_second = 0;  // no pacing: the lane's concurrency is its only cap
  return config;
}

inline std::unique_ptr<Outbox> open_outbox(const std::string& path) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(outbox.ok(), outbox.error());
  return *std::move(outbox);
}

inline HttpResponse answer(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  return response;
}

inline HttpResponse refused_connection() {
  HttpResponse response;
  response.error = "Couldn't connect to server: Failed to connect to hooks.example.org port 443 after 2 ms";
  return response;
}

inline std::string webhook_id(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name == "webhook-id") return value;
  }
  return "";
}

// An engine on a fake loop at kT0 over a real outbox, one webhook target.
struct Rig {
  explicit Rig(int concurrency) : Rig(webhook_config(concurrency)) {}
  explicit Rig(Config with) : config(std::move(with)), outbox(open_outbox(dir / "outbox.db")) {}
  // Records `posts` and starts the engine.
  Rig(int concurrency, const std::vector<std::string>& posts) : Rig(concurrency) {
    record(posts);
    start();
  }

  // One post per id, oldest first, each with a delivery to the (first) target
  // due now; with `wait_for_url`, one that waits for the post's URL
  // (https://example.org/<id>/) to answer 200 first.
  void record(const std::vector<std::string>& ids, bool jump_queue = false, bool wait_for_url = false) {
    std::vector<OutboxPost> posts;
    std::vector<NewDelivery> deliveries;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      std::int64_t date = kT0 - 86'400'000 + static_cast<std::int64_t>(i) * 1000;
      posts.push_back(OutboxPost{ids[i], "Post " + ids[i], "https://example.org/" + ids[i] + "/",
                                 "posts/" + ids[i] + ".md", date});
      NewDelivery& d = deliveries.emplace_back();
      d.post_id = ids[i];
      d.target = config.targets.at(0).name;
      d.event = "post.published";
      d.message_id = "msg_" + ids[i];
      // A webhook's body, and enough of a post snapshot for the social drivers.
      d.payload = "{\"id\":\"" + ids[i] + "\",\"title\":\"Post " + ids[i] + "\",\"url\":\"https://example.org/" +
                  ids[i] + "/\"}";
      d.post_date_ms = date;
      d.jump_queue = jump_queue;
      if (wait_for_url) d.check_url = "https://example.org/" + ids[i] + "/";
    }
    Status status = outbox.with([&](Outbox& o) { return o.record(posts, deliveries); });
    BOOST_REQUIRE_MESSAGE(status.ok(), status.message);
  }

  void start() {
    engine = std::make_unique<DeliveryEngine>(config, outbox, io);
    engine->start();
    io.run_ready();
  }

  Delivery delivery(const std::string& post_id) {
    std::vector<PostDeliveries> posts =
        outbox.with([this](Outbox& o) { return o.list(ListFilter{config.targets.at(0).name, std::nullopt, 100}); });
    for (const PostDeliveries& post : posts) {
      if (post.post.id == post_id && post.deliveries.size() == 1) return post.deliveries[0];
    }
    BOOST_FAIL("no delivery of " + post_id);
    return {};
  }

  // The webhook-ids of the requests in flight, oldest first.
  std::vector<std::string> in_flight_ids() const {
    std::vector<std::string> ids;
    for (const FakeDeliveryIo::Request& r : io.in_flight()) ids.push_back(webhook_id(r.request));
    return ids;
  }
  std::vector<std::string> sent_ids() const {
    std::vector<std::string> ids;
    for (const HttpRequest& r : io.sent()) ids.push_back(webhook_id(r));
    return ids;
  }
  std::int64_t next_timer_ms() const { return io.next_timer_ms().value_or(-1); }

  test::TempDir dir;
  Config config;
  SharedOutbox outbox;
  FakeDeliveryIo io{kT0};
  std::unique_ptr<DeliveryEngine> engine;  // last: stopped before the loop goes
};

using Ids = std::vector<std::string>;

}  // namespace herald::test
