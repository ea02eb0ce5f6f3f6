// The TargetDriver of each target type. One per type; the webhook is the
// first (issue 5 adds the social networks here).
#include "daemon/target_driver.h"

#include <utility>

#include "daemon/redaction.h"
#include "daemon/retry_policy.h"
#include "daemon/webhook_payload.h"
#include "daemon/webhook_request.h"

namespace herald {
namespace {

class WebhookDriver : public TargetDriver {
 public:
  WebhookDriver(const TargetConfig& target, const Config& config)
      : target_(target),
        config_(config),
        policy_(retry_policy_for(target, config.delivery)),
        redactor_(webhook_redactor(target)),
        random_(system_random()) {}

  std::string payload(const Post& post, const std::string& event,
                      const Timestamp& now) const override {
    WebhookEvent kind = parse_webhook_event(event).value_or(WebhookEvent::published);
    return webhook_payload(kind, post, config_, now.unix_seconds);
  }

  std::optional<HttpRequest> request(const Delivery& delivery, std::int64_t now_ms,
                                     std::string* error) const override {
    WebhookRequestResult built =
        build_webhook_request(target_, config_.delivery, delivery, now_ms / 1000);
    if (!built.request) *error = redactor_.apply(built.error);
    return std::move(built.request);
  }

  DeliveryOutcome outcome(const Delivery& delivery, const HttpResponse& response,
                          std::int64_t now_ms) const override {
    RetryDecision decision =
        decide_retry(response, delivery.attempts, policy_, now_ms, random_, redactor_);
    return to_delivery_outcome(decision, delivery.id, now_ms, response.status);
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

 private:
  TargetConfig target_;
  Config config_;
  RetryPolicy policy_;
  Redactor redactor_;
  UniformRandom random_;
};

}  // namespace

std::unique_ptr<TargetDriver> make_target_driver(const TargetConfig& target, const Config& config) {
  if (target.type == "webhook") return std::make_unique<WebhookDriver>(target, config);
  return nullptr;
}

}  // namespace herald
