// What a network driver records for a request the network turned down
// (pure), beside failed_request_outcome's reading of the HTTP status
// (retry_policy.h): a retry whatever the status said, a wait that pauses
// the lane, and dead. Every reason passes through the target's Redactor.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"

namespace herald {

// A retry (dead past max_attempts) for an error the network calls passing,
// whatever its HTTP status: backoff as for a 503 (a 5xx or no answer keeps
// its own status, and its hints); the outcome keeps the real status.
DeliveryOutcome passing_failure_outcome(const HttpResponse& response, const Delivery& delivery,
                                        const std::string& what, const RetryPolicy& policy, std::int64_t now_ms,
                                        const UniformRandom& random, const Redactor& redactor);

// A wait until `until_ms` (at least a second) that never counts against
// max_attempts: recorded as a 429, on which the engine pauses the lane.
DeliveryOutcome lane_wait_outcome(std::int64_t until_ms, const std::string& why, std::int64_t now_ms,
                                  const Redactor& redactor);

// Dead with `why`; `stops_target` when every other delivery of the target
// would fail alike (a refused token, a missing permission).
DeliveryOutcome refused_request_outcome(const HttpResponse& response, const std::string& why,
                                        const Redactor& redactor, bool stops_target = false);

}  // namespace herald
