// RetryPolicy: what one delivery attempt's HTTP result means for the
// delivery, for every target type: sent, retry at a time, or dead with a
// reason a person can act on.
//
//   2xx                                       sent
//   408 425 429 500 502 503 504, other 5xx    retry (501 and 505 are dead)
//   no response (transport error, timeout)    retry
//   3xx                                       dead: redirects are not followed
//   400 401 403 404 405 410 413 422, other 4xx dead, with a reason per status
//   anything else (1xx, >= 600)               retry (a confused server or proxy)
//
// A retryable failure of the max_attempts-th attempt is dead ("gave up after
// N attempts: <reason>"). 401 / 403 (credentials refused) and 404 / 410 (the
// endpoint is gone) set `permanent_for_target`: every other delivery of that
// target will fail alike: the outcome's target_refused, on which the
// delivery engine stops the target's other deliveries.
//
// Retry time: exponential backoff (backoff_initial doubling per attempt,
// capped at backoff_max) with jitter from an injectable random source, never
// earlier than what the server asked for (retry_hints.h), never later than
// now + wait_max.
//
// Reasons never hold the URL or a secret: they are built from the status,
// a fixed text, and a short excerpt of a text response body or the
// transport error, all passed through the target's Redactor.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/targets/delivery.h"
#include "daemon/targets/driver_inputs.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_hints.h"

namespace herald {

enum class Jitter {
  full,   // uniform in [0, backoff]: spreads a crowd of retries the most
  equal,  // uniform in [backoff/2, backoff]: never much sooner than configured
};

struct RetryPolicy {
  int max_attempts = 12;
  std::chrono::milliseconds backoff_initial{30 * 1000};
  std::chrono::milliseconds backoff_max{6 * 3600 * 1000};
  std::chrono::milliseconds wait_max{24 * 3600 * 1000};  // cap on server-requested waits too
  Jitter jitter = Jitter::equal;
};

// The policy of `target`: its max_attempts when set, else the delivery section's.
RetryPolicy retry_policy_for(const TargetConfig& target, const DeliveryConfig& delivery);


struct RetryDecision {
  enum class Kind { sent, retry, dead };
  Kind kind = Kind::sent;
  std::int64_t retry_at_ms = 0;       // retry: the next attempt, Unix ms
  std::string reason;                 // retry / dead: readable, redacted
  bool permanent_for_target = false;  // the target itself is refused or gone
};

// The decision after the `attempts`-th attempt (1 for the first) ended at
// `now_ms` with `response` (status 0: `error` and `timed_out` say why).
// `body_wait` is a wait the target read from the response body (Discord's
// and Telegram's retry_after, Matrix's retry_after_ms). A "cancelled"
// response (shutdown) is a transport error here: the caller should rather
// leave the delivery to its lease.
RetryDecision decide_retry(const HttpResponse& response, int attempts, const RetryPolicy& policy,
                           std::int64_t now_ms, const UniformRandom& random,
                           const Redactor& redactor,
                           std::optional<std::chrono::milliseconds> body_wait = {});

// The jittered backoff after the `attempts`-th failed attempt.
std::chrono::milliseconds backoff_delay(int attempts, const RetryPolicy& policy,
                                        const UniformRandom& random);

// The outbox's record of `decision` for delivery `id` (remote id and URL of
// a sent delivery are the caller's to fill).
DeliveryOutcome to_delivery_outcome(const RetryDecision& decision, std::int64_t id,
                                    std::int64_t now_ms, int http_status);

// The outcome of the failed request `what` ("putRecord") of the
// `delivery.attempts`-th attempt: decide_retry's, its reason led by `what`.
DeliveryOutcome failed_request_outcome(const HttpResponse& response, const Delivery& delivery,
                                       const std::string& what, const RetryPolicy& policy, std::int64_t now_ms,
                                       const UniformRandom& random, const Redactor& redactor);

}  // namespace herald
