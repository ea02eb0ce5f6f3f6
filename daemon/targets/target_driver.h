// TargetDriver: what one target type (webhook, mastodon, bluesky, discord,
// slack, telegram, matrix, websub) contributes to delivery. The delivery
// engine owns time, I/O, limits and the outbox; a driver only decides.
//
//  - payload(): the material fixed when a delivery is created and stored
//    with it (webhook: the body; Bluesky: the record bytes and its rkey;
//    others: a snapshot of the post), so every attempt, even after a
//    restart, sends what the first one did.
//  - attempt(): one attempt of a delivery is a short conversation with the
//    network (Mastodon: read the server's limits, upload the image, poll it
//    while it is processed, post the status; Bluesky: create or refresh the
//    session, upload the thumbnail, put the record). The engine calls
//    first(), sends the request it names (at or after `send_at_ms`), passes
//    the response to next(), and so on until a step says done with the
//    delivery's outcome. An attempt ends in at most kMaxAttemptSteps steps
//    (the engine gives up with a retry outcome past that).
//  - preview(): the requests an attempt would send, for
//    `herald resend --dry-run`, as the network would get them; secrets are
//    removed by the caller with redact().
//  - redact(): `text` with every secret of the target hidden.
//
// State that outlives an attempt (a Bluesky session, a Mastodon server's
// limits) lives in the driver, and what must survive a restart is kept
// through TargetStateStore (one text blob per target, in the outbox).
// A delivery published in several steps (Instagram and Threads: create a
// media container, wait until it is ready, publish it) keeps the step it
// reached through TargetStateStore::save_progress (one text blob per
// delivery, in the outbox's delivery_progress table): saved before the
// step that depends on it is taken, read by every later attempt (also
// after a kill -9 and a restart), so a restart goes on from that step
// (polls and publishes the same container) instead of starting over. The
// outbox drops it when the delivery is sent; a dead delivery keeps it for
// `herald retry`.
//
// Threading: a driver belongs to one thread (the engine's, or the daemon's
// loop for previews); attempts run on their driver's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/delivery_event.h"
#include "daemon/targets/delivery.h"
#include "daemon/targets/driver_inputs.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/renewal_gate.h"
#include "feeds/post.h"
#include "feeds/status.h"

namespace herald {

// A dead outcome with `error` (for attempts that cannot start).
DeliveryOutcome dead_outcome(std::string error);

// The next move of an attempt: send a request, wait for the renewal of the
// account's credentials another attempt is making (renewal_gate.h; the
// engine then calls resume()), or end with an outcome.
struct AttemptStep {
  enum class Kind { send, wait, done };
  Kind kind = Kind::done;
  HttpRequest request;          // send: timeouts and CA file are set by the engine
  std::int64_t send_at_ms = 0;  // send: not before this wall-clock time (0: now)
  RenewalGate* gate = nullptr;  // wait: busy; owned by the driver
  DeliveryOutcome outcome;      // done: the engine fills in `id` and `at_ms` when 0

  static AttemptStep send(HttpRequest request, std::int64_t send_at_ms = 0) {
    AttemptStep step;
    step.kind = Kind::send;
    step.request = std::move(request);
    step.send_at_ms = send_at_ms;
    return step;
  }
  static AttemptStep wait(RenewalGate& gate) {
    AttemptStep step;
    step.kind = Kind::wait;
    step.gate = &gate;
    return step;
  }
  static AttemptStep done(DeliveryOutcome outcome) {
    AttemptStep step;
    step.kind = Kind::done;
    step.outcome = std::move(outcome);
    return step;
  }
};

constexpr int kMaxAttemptSteps = 64;

class DeliveryAttempt {
 public:
  virtual ~DeliveryAttempt() = default;
  virtual AttemptStep first(std::int64_t now_ms) = 0;
  // `response` answers the request of the previous step.
  virtual AttemptStep next(const HttpResponse& response, std::int64_t now_ms) = 0;
  // After a wait step: the renewal it waited for has ended.
  virtual AttemptStep resume(std::int64_t /*now_ms*/) {
    return AttemptStep::done(dead_outcome("the attempt cannot wait for a renewal"));
  }
};

// Per-target state kept across restarts (one text blob per target name).
class TargetStateStore {
 public:
  virtual ~TargetStateStore() = default;
  // The saved state; nullopt when none was saved (or it cannot be read:
  // logged by the store).
  virtual std::optional<std::string> load(const std::string& target) = 0;
  // Saves (replaces) the state; a failure is logged by the store and the
  // driver goes on with its state in memory.
  virtual void save(const std::string& target, const std::string& state) = 0;
  // The progress saved for delivery `delivery_id`; nullopt when none (or a
  // store that keeps none).
  virtual std::optional<std::string> load_progress(std::int64_t /*delivery_id*/) { return std::nullopt; }
  // Saves (replaces) the progress of delivery `delivery_id`; durable when
  // it returns ok. A failure is logged by the store.
  virtual Status save_progress(std::int64_t /*delivery_id*/, const std::string& /*progress*/) { return {}; }
};

class TargetDriver {
 public:
  virtual ~TargetDriver() = default;
  // The stored material of `event` about `post`, at `now`.
  virtual std::string payload(const Post& post, DeliveryEvent event,
                              const Timestamp& now) const = 0;
  // A new attempt of `delivery` (whose `attempts` already counts it). The
  // driver must outlive it.
  virtual std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) = 0;
  // The requests an attempt of `delivery` would send at `now_ms` if every
  // step succeeded, in order (placeholders stand for what only the network
  // can tell, such as a media id); failed when no request can be made (the
  // attempt would end dead with that error).
  virtual Result<std::vector<HttpRequest>> preview(const Delivery& delivery,
                                                   std::int64_t now_ms) = 0;
  virtual std::string redact(std::string text) const = 0;
};

// A driver, or why there is none.
using DriverResult = Result<std::unique_ptr<TargetDriver>>;

// The driver of `target`'s type. `state` may be null (previews); it must
// outlive the driver. `inputs` are the random numbers and clock it reads.
// Failed when the target cannot be driven (a template that does not
// compile).
DriverResult make_target_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

// An attempt of exactly one request (webhooks, Discord, Slack, ...): the
// request `build` makes, then `read` makes the outcome of its response.
// `build` fails (its message already redacted) to end the attempt dead.
class SingleRequestAttempt : public DeliveryAttempt {
 public:
  using Build = std::function<Result<HttpRequest>(std::int64_t now_ms)>;
  using Read = std::function<DeliveryOutcome(const HttpResponse& response, std::int64_t now_ms)>;
  SingleRequestAttempt(Build build, Read read) : build_(std::move(build)), read_(std::move(read)) {}

  AttemptStep first(std::int64_t now_ms) override;
  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override;

 private:
  Build build_;
  Read read_;
};

// The body of `request` as a person reads it in a dry run: the text when it
// is UTF-8 text; a multipart form part by part, file parts as
// "<N bytes of TYPE>"; other bytes as "<N bytes of binary data>".
std::string shown_body(const HttpRequest& request);
// One part of a multipart form as shown_body shows it.
std::string shown_part(const FormPart& part);

}  // namespace herald
