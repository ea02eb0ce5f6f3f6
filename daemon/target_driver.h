// TargetDriver: what one target type (webhook; later mastodon, bluesky, ...)
// contributes to delivery, as pure functions of their inputs: the payload
// fixed when a delivery is created, the HTTP request of an attempt, and the
// reading of the response (sent with the remote id and URL, retry at a time,
// or dead with a reason). The delivery engine owns time, I/O and the outbox.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/http_client.h"
#include "daemon/outbox.h"
#include "feeds/post.h"

namespace herald {

class TargetDriver {
 public:
  virtual ~TargetDriver() = default;
  // The body (or body material) of `event` about `post`, at `now`.
  virtual std::string payload(const Post& post, const std::string& event,
                              const Timestamp& now) const = 0;
  // The request of one attempt of `delivery`, made at `now_ms`; nullopt
  // (and *error, redacted) when none can be made: the delivery is dead.
  virtual std::optional<HttpRequest> request(const Delivery& delivery, std::int64_t now_ms,
                                             std::string* error) const = 0;
  // What `response` means for `delivery` (its attempts already count this
  // one), at `now_ms`.
  virtual DeliveryOutcome outcome(const Delivery& delivery, const HttpResponse& response,
                                  std::int64_t now_ms) const = 0;
  // `text` with every secret of the target replaced (for logs and errors).
  virtual std::string redact(std::string text) const = 0;
};

// The driver of `target`'s type; nullptr for an unknown type (the config
// loader refuses those).
std::unique_ptr<TargetDriver> make_target_driver(const TargetConfig& target, const Config& config);

}  // namespace herald
