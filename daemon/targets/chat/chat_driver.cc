#include "daemon/targets/chat/chat_driver.h"

#include <array>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

namespace herald {
std::string http_reason(int status, const std::string& what) {
  return "HTTP " + std::to_string(status) + ": " + what;
}

DeliveryOutcome chat_outcome(const HttpResponse& response, const ChatReply& reply,
                             const Delivery& delivery, const ChatRetry& retry,
                             const Redactor& redactor, std::int64_t now_ms) {
  DeliveryOutcome outcome;
  outcome.id = delivery.id;
  outcome.at_ms = now_ms;
  outcome.http_status = response.status;
  if (reply.posted) {
    outcome.kind = DeliveryOutcome::Kind::sent;
    outcome.remote_id = reply.remote_id;
    outcome.remote_url = reply.remote_url;
    return outcome;
  }
  if (!reply.dead_reason.empty()) {
    outcome.kind = DeliveryOutcome::Kind::dead;
    outcome.error = redactor.apply(reply.dead_reason);
    return outcome;
  }
  RetryDecision decision = decide_retry(response, delivery.attempts, retry.policy, now_ms,
                                        retry.random, redactor, reply.body_wait);
  if (decision.kind == RetryDecision::Kind::retry && !retry.retry_ambiguous &&
      is_ambiguous(response)) {
    outcome.kind = DeliveryOutcome::Kind::dead;
    outcome.error = decision.reason +
                    ": the message may or may not have been posted; not retried (after_timeout: give_up)";
    return outcome;
  }
  return to_delivery_outcome(decision, delivery.id, now_ms, response.status);
}

ChatDriver::ChatDriver(const TargetConfig& target, const Config& config, PostText text,
                       Redactor redactor, UniformRandom random, bool retry_ambiguous)
    : target_(target),
      config_(config),
      text_(std::move(text)),
      redactor_(std::move(redactor)),
      retry_{retry_policy_for(target, config.delivery), std::move(random), retry_ambiguous} {}

std::string ChatDriver::payload(const Post& post, DeliveryEvent event,
                                const Timestamp& /*now*/) const {
  boost::json::object snapshot = post_snapshot(post, config_);
  snapshot["event"] = delivery_event_name(event);
  return boost::json::serialize(snapshot);
}

Result<SnapshotFields> ChatDriver::stored_post(const Delivery& delivery) const {
  Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
  if (!post.ok()) return redacted(post.status());
  return post;
}

Result<HttpRequest> ChatDriver::request(const Delivery& delivery) const {
  Result<SnapshotFields> post = stored_post(delivery);
  if (!post.ok()) return post.status();
  Result<HttpRequest> built = build(*post, delivery);
  if (!built.ok()) return redacted(built.status());
  return built;
}

std::unique_ptr<DeliveryAttempt> ChatDriver::attempt(const Delivery& delivery) {
  return std::make_unique<SingleRequestAttempt>(
      [this, delivery](std::int64_t) { return request(delivery); },
      [this, delivery](const HttpResponse& response, std::int64_t now_ms) {
        return outcome(response, read(response), delivery, now_ms);
      });
}

Result<std::vector<HttpRequest>> ChatDriver::preview(const Delivery& delivery, std::int64_t /*now_ms*/) {
  Result<HttpRequest> built = request(delivery);
  if (!built.ok()) return built.status();
  return std::vector<HttpRequest>{std::move(*built)};
}

}  // namespace herald
