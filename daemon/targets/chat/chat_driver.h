// ChatDriver: what the chat targets (Discord, Slack, Telegram, Matrix)
// share. Each network supplies its request (built from the stored post at
// attempt time) and its reading of a response (a ChatReply); the rest is
// here:
//
//  - payload(): the post snapshot (post_snapshot.h) plus "event", fixed
//    when the delivery is created;
//  - attempt(): one request (SingleRequestAttempt) unless the network
//    overrides it (Telegram falls back from sendPhoto to sendMessage);
//  - the outcome (chat_outcome): the network's "posted" or permanent
//    error first, then retry_policy.h with the body's wait (Discord's and
//    Telegram's retry_after, Matrix's retry_after_ms). A 429 keeps
//    http_status 429, so the engine pauses the target's lane.
//
// Ambiguous attempts. Discord, Slack and Telegram have no idempotency: an
// attempt that timed out or lost its connection after the request may have
// left (status 0, except errors that happen before anything is sent: no
// connection, no name resolution) may have posted or not. `after_timeout:
// retry` (the default, retry_ambiguous) retries it, so the message may
// appear twice ("maybe twice"); `give_up` ends it dead with a reason saying
// it may or may not have been posted ("maybe never"). Matrix is idempotent
// (txnId): it always retries.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/targets/post_text.h"
#include "daemon/targets/json_exchange.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"
#include "daemon/targets/target_driver.h"

namespace herald {

// What a network's response says.
struct ChatReply {
  bool posted = false;      // the network confirms the message
  std::string remote_id;    // posted: the network's id of the message
  std::string remote_url;   // posted: its public link, "" when unknown
  std::string dead_reason;  // non-empty: a permanent failure, readable, never retried
  std::optional<std::chrono::milliseconds> body_wait;  // a wait the body asks for
};

// How a chat target retries.
struct ChatRetry {
  RetryPolicy policy;
  UniformRandom random;
  bool retry_ambiguous = true;  // "maybe twice"; false: "maybe never"
};


// The outcome of the `delivery.attempts`-th attempt answered by `response`
// that the network read as `reply`, at `now_ms`; reasons redacted.
DeliveryOutcome chat_outcome(const HttpResponse& response, const ChatReply& reply,
                             const Delivery& delivery, const ChatRetry& retry,
                             const Redactor& redactor, std::int64_t now_ms);

// A permanent failure: "HTTP 404: <what>".
std::string http_reason(int status, const std::string& what);

class ChatDriver : public TargetDriver {
 public:
  // `retry_ambiguous`: after_timeout (AfterTimeout), or true for an idempotent network.
  ChatDriver(const TargetConfig& target, const Config& config, PostText text, Redactor redactor,
             UniformRandom random, bool retry_ambiguous);

  std::string payload(const Post& post, DeliveryEvent event,
                      const Timestamp& now) const override;
  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;
  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t now_ms) override;
  std::string redact(std::string text) const override { return redactor_.apply(text); }

 protected:
  // The request for `post` (read from the delivery's payload); failed (not
  // yet redacted) when none can be made.
  virtual Result<HttpRequest> build(const SnapshotFields& post, const Delivery& delivery) const = 0;
  // What `response` says.
  virtual ChatReply read(const HttpResponse& response) const = 0;

  // The stored post of `delivery`; failed (redacted) when the payload is unreadable.
  Result<SnapshotFields> stored_post(const Delivery& delivery) const;
  // build() from the stored post, errors redacted.
  Result<HttpRequest> request(const Delivery& delivery) const;
  // `status` with its message redacted.
  Status redacted(const Status& status) const { return Status::failed(redactor_.apply(status.message)); }
  DeliveryOutcome outcome(const HttpResponse& response, const ChatReply& reply,
                          const Delivery& delivery, std::int64_t now_ms) const {
    return chat_outcome(response, reply, delivery, retry_, redactor_, now_ms);
  }

  const TargetConfig& target() const { return target_; }
  const PostText& text() const { return text_; }
  const Redactor& redactor() const { return redactor_; }

 private:
  TargetConfig target_;
  Config config_;
  PostText text_;
  Redactor redactor_;
  ChatRetry retry_;
};

}  // namespace herald
