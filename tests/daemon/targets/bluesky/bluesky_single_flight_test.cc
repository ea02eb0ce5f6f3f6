// Single-flight session renewal of the Bluesky driver: attempts in flight
// together that find the session expired or revoked make one
// refreshSession (and at most one createSession) between them; the others
// wait for it (AttemptStep::wait) and go on with its session, or end as it
// did. Driven without a network: several attempts stepped in turn, as the
// engine does, with the PDS's answers written here.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "daemon/targets/bluesky/bluesky_driver.h"
#include "daemon/targets/bluesky/bluesky_xrpc.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"
#include "tests/daemon/targets/memory_state.h"
#include "tests/support/seed_post.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1764417600000;

using test::MemoryState;

// The NSID of an XRPC request ("com.atproto.server.refreshSession").
std::string nsid(const HttpRequest& request) { return request.url.substr(request.url.rfind('/') + 1); }

std::string bearer(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") return value.substr(value.find(' ') + 1);
  }
  return "";
}

HttpResponse answer(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"content-type", "application/json"}};
  response.body = std::move(body);
  return response;
}

std::string session_body(const std::string& access, const std::string& refresh) {
  return boost::json::serialize(boost::json::object{{"did", "did:plc:noticias"},
                                                    {"handle", "noticias.bsky.social"},
                                                    {"accessJwt", access},
                                                    {"refreshJwt", refresh}});
}

// N attempts of one driver stepped as the engine steps them: every request
// answered in the order it was named, a waiting attempt resumed when its
// renewal ends.
struct Flights {
  using Pds = std::function<HttpResponse(const HttpRequest&)>;

  Config config;
  TargetConfig target;
  MemoryState state;
  std::unique_ptr<TargetDriver> driver;
  std::vector<std::string> calls;  // NSIDs, in order
  std::map<int, DeliveryOutcome> outcomes;

  explicit Flights(const BlueskySession& saved) {
    config.site.url = "https://noticias.example.mx/";
    config.site.language = "es";
    config.content.rules.fields.id = "news_id";
    config.delivery.max_attempts = 5;
    target.name = "sky";
    target.type = TargetType::bluesky;
    target.settings = BlueskySettings{};
    target.url = "https://pds.example";
    target.as<BlueskySettings>().identifier = "noticias.bsky.social";
    target.as<BlueskySettings>().password = "abcd-efgh-ijkl-mnop";
    target.as<BlueskySettings>().text.attach_image = false;
    state.saved["sky"] = bluesky_session_state(saved, "noticias.bsky.social");
    DriverResult made = make_target_driver(target, config, &state, test::fixed_driver_inputs());
    BOOST_TEST_REQUIRE(made.ok(), made.error());
    driver = std::move(*made);
  }

  void run(int count, const Pds& pds) {
    Post post = test::parse_seed_post(config.content.rules);
    std::vector<std::unique_ptr<DeliveryAttempt>> attempts;
    std::deque<std::pair<int, AttemptStep>> sends;  // requests in flight, answered in order
    // As the engine: a wait is registered at once, a done is recorded.
    std::function<void(int, AttemptStep)> take = [&](int i, AttemptStep step) {
      if (step.kind == AttemptStep::Kind::done) {
        outcomes[i] = step.outcome;
      } else if (step.kind == AttemptStep::Kind::wait) {
        DeliveryAttempt* attempt = attempts[static_cast<std::size_t>(i)].get();
        step.gate->wait([&take, i, attempt] { take(i, attempt->resume(kNow)); });
      } else {
        sends.emplace_back(i, std::move(step));
      }
    };
    for (int i = 0; i < count; ++i) {
      Delivery delivery;
      delivery.id = i + 1;
      delivery.post_id = "186509";
      delivery.target = "sky";
      delivery.event = "post.published";
      delivery.attempts = 1;
      delivery.payload = driver->payload(post, DeliveryEvent::published, Timestamp{kNow / 1000, 0});
      attempts.push_back(driver->attempt(delivery));
      take(i, attempts.back()->first(kNow));
    }
    for (int guard = 0; !sends.empty() && guard < 1000; ++guard) {
      auto [i, step] = std::move(sends.front());
      sends.pop_front();
      calls.push_back(nsid(step.request));
      take(i, attempts[static_cast<std::size_t>(i)]->next(pds(step.request), kNow));
    }
  }

  int count(const std::string& call) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), call));
  }
};

const BlueskySession kOld{"did:plc:noticias", "noticias.bsky.social", "access-1", "refresh-1"};

BOOST_AUTO_TEST_SUITE(bluesky_single_flight)

// Today's report: with an expired session, 4 deliveries in flight made 4
// refreshSession calls. Now one refreshes; all four are sent.
BOOST_AUTO_TEST_CASE(an_expired_session_is_refreshed_once_for_every_attempt_in_flight) {
  Flights flights(kOld);
  flights.run(4, [](const HttpRequest& request) {
    std::string call = nsid(request);
    if (call == "com.atproto.server.refreshSession") {
      BOOST_TEST(bearer(request) == "refresh-1");
      return answer(200, session_body("access-2", "refresh-2"));
    }
    if (call == "com.atproto.repo.putRecord" && bearer(request) == "access-2") {
      return answer(200, R"({"uri":"at://did:plc:noticias/app.bsky.feed.post/x","cid":"bafy"})");
    }
    return answer(400, R"({"error":"ExpiredToken","message":"Token has expired"})");
  });
  BOOST_TEST(flights.count("com.atproto.server.refreshSession") == 1);
  BOOST_TEST(flights.count("com.atproto.server.createSession") == 0);
  BOOST_TEST(flights.count("com.atproto.repo.putRecord") == 8);  // 4 refused, 4 with the new session
  BOOST_TEST_REQUIRE(flights.outcomes.size() == 4u);
  for (const auto& [i, outcome] : flights.outcomes) {
    BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::sent), i);
  }
  // The renewed session is kept for the next start.
  BOOST_TEST(flights.state.saved["sky"].find("refresh-2") != std::string::npos);
}

// Today's report: after a revoked session, 3 retried deliveries made 3
// logins and 2 refreshes without a token. Now one refresh, one login, and
// all three end dead with the PDS's refusal.
BOOST_AUTO_TEST_CASE(a_revoked_session_makes_one_refresh_and_one_login) {
  Flights flights(kOld);
  flights.run(3, [](const HttpRequest& request) {
    std::string call = nsid(request);
    if (call == "com.atproto.server.refreshSession") {
      BOOST_TEST(bearer(request) == "refresh-1");  // never an empty refresh token
      return answer(400, R"({"error":"ExpiredToken","message":"Token has been revoked"})");
    }
    if (call == "com.atproto.server.createSession") {
      return answer(401, R"({"error":"AuthenticationRequired","message":"Invalid identifier or password"})");
    }
    return answer(400, R"({"error":"ExpiredToken","message":"Token has expired"})");
  });
  BOOST_TEST(flights.count("com.atproto.server.refreshSession") == 1);
  BOOST_TEST(flights.count("com.atproto.server.createSession") == 1);
  BOOST_TEST(flights.count("com.atproto.repo.putRecord") == 3);
  BOOST_TEST_REQUIRE(flights.outcomes.size() == 3u);
  for (const auto& [i, outcome] : flights.outcomes) {
    BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead), i);
    BOOST_TEST(outcome.error ==
                   "the PDS refused the identifier 'noticias.bsky.social' and its app password "
                   "(createSession: HTTP 401 AuthenticationRequired: Invalid identifier or password)",
               i);
  }
}

// A renewal that fails for a while (5xx) retries every waiting attempt
// without a request of its own.
BOOST_AUTO_TEST_CASE(waiters_retry_when_the_renewal_cannot_be_made_now) {
  Flights flights(kOld);
  flights.run(3, [](const HttpRequest& request) {
    if (nsid(request) == "com.atproto.server.refreshSession") return answer(502, "bad gateway");
    return answer(400, R"({"error":"ExpiredToken","message":"Token has expired"})");
  });
  BOOST_TEST(flights.count("com.atproto.server.refreshSession") == 1);
  BOOST_TEST_REQUIRE(flights.outcomes.size() == 3u);
  for (const auto& [i, outcome] : flights.outcomes) {
    BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::retry), i);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
