// A network driver and the seed post's delivery, for the drivers' tests:
// the site's config (Spanish, news_id as identity), the target under test,
// the state the driver saves, and delivery 3 of the seed post as the
// announcer recorded it (its payload, the post's URL).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/targets/target_driver.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"
#include "tests/daemon/targets/memory_state.h"
#include "tests/support/seed_post.h"

namespace herald::test {

inline constexpr std::int64_t kSeedAnnouncedMs = 1764417600000;  // 2025-11-29 12:00 UTC

// A Graph API error body (Facebook, Instagram, Threads).
inline std::string graph_error(int code, int subcode, const std::string& message) {
  boost::json::object error{{"message", message}, {"type", "OAuthException"}, {"code", code},
                            {"fbtrace_id", "AbCdEf123"}};
  if (subcode != 0) error["error_subcode"] = subcode;
  return boost::json::serialize(boost::json::object{{"error", error}});
}

struct SeedDriverRig {
  Config config;
  TargetConfig target;
  MemoryState state;
  TargetStateStore* state_store = &state;  // null: a driver without saved state
  std::unique_ptr<TargetDriver> driver;
  Delivery delivery;
  std::string post_url;

  SeedDriverRig(std::string name, TargetType type, std::string api_url) {
    config.site.url = "https://noticias.example.mx/";
    config.site.language = "es";
    config.content.rules.fields.id = "news_id";
    config.delivery.max_attempts = 5;
    target.name = std::move(name);
    target.type = type;
    target.settings = default_settings(type);
    target.url = std::move(api_url);
  }

  // (Re)makes the driver, as a daemon starting does, and the delivery.
  void make(DriverInputs inputs = fixed_driver_inputs()) {
    DriverResult made = make_target_driver(target, config, state_store, inputs);
    BOOST_TEST_REQUIRE(made.ok(), made.error());
    driver = std::move(*made);
    Post post = parse_seed_post(config.content.rules);
    delivery.id = 3;
    delivery.post_id = "186509";
    delivery.target = target.name;
    delivery.event = "post.published";
    delivery.attempts = 1;
    delivery.payload = driver->payload(post, DeliveryEvent::published, Timestamp{kSeedAnnouncedMs / 1000, 0});
    post_url = boost::json::parse(delivery.payload).at("url").as_string().c_str();
  }

  AttemptStep start(std::unique_ptr<DeliveryAttempt>& attempt, std::int64_t now_ms = kSeedAnnouncedMs) {
    attempt = driver->attempt(delivery);
    return attempt->first(now_ms);
  }
};

}  // namespace herald::test
