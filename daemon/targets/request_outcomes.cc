#include "daemon/targets/request_outcomes.h"

#include <algorithm>

#include "daemon/targets/target_driver.h"

namespace herald {

DeliveryOutcome passing_failure_outcome(const HttpResponse& response, const Delivery& delivery,
                                        const std::string& what, const RetryPolicy& policy, std::int64_t now_ms,
                                        const UniformRandom& random, const Redactor& redactor) {
  HttpResponse as_passing = response;
  if (as_passing.status < 500 && as_passing.status != 0) as_passing.status = 503;
  DeliveryOutcome outcome = failed_request_outcome(as_passing, delivery, what, policy, now_ms, random, redactor);
  outcome.http_status = response.status;
  return outcome;
}

DeliveryOutcome lane_wait_outcome(std::int64_t until_ms, const std::string& why, std::int64_t now_ms,
                                  const Redactor& redactor) {
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::retry;
  outcome.at_ms = now_ms;
  outcome.retry_at_ms = std::max(until_ms, now_ms + 1000);
  outcome.http_status = 429;
  outcome.error = redactor.apply(why);
  return outcome;
}

DeliveryOutcome refused_request_outcome(const HttpResponse& response, const std::string& why,
                                        const Redactor& redactor, bool stops_target) {
  DeliveryOutcome outcome = dead_outcome(redactor.apply(why));
  outcome.http_status = response.status;
  outcome.target_refused = stops_target;
  return outcome;
}

}  // namespace herald
