// The TargetDriver of each target type, chosen by make_target_driver().
// The webhook driver is here; each social network has its own file.
#include "daemon/targets/target_driver.h"

#include <utility>

#include "daemon/targets/bluesky/bluesky_driver.h"
#include "daemon/targets/chat/discord_driver.h"
#include "daemon/targets/chat/matrix_driver.h"
#include "daemon/targets/chat/slack_driver.h"
#include "daemon/targets/chat/telegram_driver.h"
#include "daemon/targets/facebook/facebook_driver.h"
#include "daemon/targets/indexnow/indexnow_driver.h"
#include "daemon/targets/linkedin/linkedin_driver.h"
#include "daemon/targets/mastodon/mastodon_driver.h"
#include "daemon/targets/meta/meta_driver.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"
#include "daemon/targets/webhook/webhook_payload.h"
#include "daemon/targets/webhook/webhook_request.h"
#include "daemon/targets/webhook/websub.h"
#include "daemon/targets/x/x_driver.h"

namespace herald {
namespace {

class WebhookDriver : public TargetDriver {
 public:
  WebhookDriver(const TargetConfig& target, const Config& config, UniformRandom random)
      : target_(target),
        config_(config),
        policy_(retry_policy_for(target, config.delivery)),
        redactor_(webhook_redactor(target)),
        random_(std::move(random)) {}

  std::string payload(const Post& post, DeliveryEvent event, const Timestamp& now) const override {
    return webhook_payload(event, post, config_, now.unix_seconds);
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override {
    return std::make_unique<SingleRequestAttempt>(
        [this, delivery](std::int64_t now_ms) { return request(delivery, now_ms); },
        [this, delivery](const HttpResponse& response, std::int64_t now_ms) {
          RetryDecision decision =
              decide_retry(response, delivery.attempts, policy_, now_ms, random_, redactor_);
          return to_delivery_outcome(decision, delivery.id, now_ms, response.status);
        });
  }

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t now_ms) override {
    Result<HttpRequest> built = request(delivery, now_ms);
    if (!built.ok()) return built.status();
    return std::vector<HttpRequest>{std::move(*built)};
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

 private:
  Result<HttpRequest> request(const Delivery& delivery, std::int64_t now_ms) const {
    Result<HttpRequest> built = build_webhook_request(target_, config_.delivery, delivery, now_ms / 1000);
    if (!built.ok()) return Result<HttpRequest>::failed(redactor_.apply(built.error()));
    return built;
  }

  TargetConfig target_;
  Config config_;
  RetryPolicy policy_;
  Redactor redactor_;
  UniformRandom random_;
};

}  // namespace

DriverResult make_target_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs) {
  switch (target.type) {
    case TargetType::webhook: return DriverResult(std::make_unique<WebhookDriver>(target, config, inputs.random));
    case TargetType::websub: return DriverResult(make_websub_driver(target, config, inputs));
    case TargetType::mastodon: return make_mastodon_driver(target, config, state, inputs);
    case TargetType::discord: return make_discord_driver(target, config, state, inputs);
    case TargetType::slack: return make_slack_driver(target, config, state, inputs);
    case TargetType::telegram: return make_telegram_driver(target, config, state, inputs);
    case TargetType::matrix: return make_matrix_driver(target, config, state, inputs);
    case TargetType::bluesky: return make_bluesky_driver(target, config, state, inputs);
    case TargetType::x: return make_x_driver(target, config, state, inputs);
    case TargetType::facebook: return make_facebook_driver(target, config, inputs);
    case TargetType::instagram:
    case TargetType::threads: return make_meta_driver(target, config, state, inputs);
    case TargetType::linkedin: return make_linkedin_driver(target, config, inputs);
    case TargetType::indexnow: return make_indexnow_driver(target, config, inputs);
  }
  // Not reached: every TargetType has its case (-Wswitch says when one is added).
  return DriverResult::failed("target " + target.name + ": unknown type " +
                              std::to_string(static_cast<int>(target.type)));
}

}  // namespace herald
