#include "daemon/targets/indexnow/indexnow_response.h"

#include "daemon/targets/request_outcomes.h"

namespace herald {
namespace {

// " (the endpoint says: ...)" from a short text body, or "".
std::string endpoint_says(const std::string& body) {
  if (body.empty() || body.size() > 300 || body.find('\n') != std::string::npos) return "";
  return " (the endpoint says: " + body + ")";
}

std::string key_file_text(const IndexNowKeyPlace& key) {
  std::string text = "the key file at " + key.location;
  if (!key.output_file.empty()) text += " (herald writes it as " + key.output_file + ")";
  return text;
}

}  // namespace

DeliveryOutcome indexnow_outcome(const HttpResponse& response, const Delivery& delivery,
                                 const IndexNowKeyPlace& key, const RetryPolicy& policy, std::int64_t now_ms,
                                 const UniformRandom& random, const Redactor& redactor) {
  const int status = response.status;
  std::string says = endpoint_says(response.body);
  DeliveryOutcome outcome;
  if (status == 400) {
    outcome = refused_request_outcome(response, "HTTP 400: IndexNow refused the request as malformed" + says, redactor);
  } else if (status == 403) {
    outcome = refused_request_outcome(
        response,
        "HTTP 403: IndexNow did not accept the key: " + key_file_text(key) +
            " must be served and hold exactly the configured key; fix it, then herald retry --target " +
            delivery.target + says,
        redactor, true);
  } else if (status == 422) {
    outcome = refused_request_outcome(
        response,
        "HTTP 422: IndexNow refused the batch: its URLs do not all belong to host " + key.host +
            ", or the key does not match " + key_file_text(key) + says,
        redactor);
  } else {
    RetryDecision decision = decide_retry(response, delivery.attempts, policy, now_ms, random, redactor);
    return to_delivery_outcome(decision, delivery.id, now_ms, status);
  }
  outcome.id = delivery.id;
  outcome.at_ms = now_ms;
  return outcome;
}

}  // namespace herald
