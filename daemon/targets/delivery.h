// Deliveries as values: what the outbox records for one (post, target,
// event) announcement, and what an attempt's outcome says of it. The
// contract between the outbox (which stores them), the delivery engine
// (which claims and finishes them) and the target drivers (which decide).
// All times are Unix milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

// awaiting_approval: recorded for a target with `approval: required`, never
// claimed until an editor approves it (then pending) or rejects it (then
// rejected, never sent); see Outbox::approve.
enum class DeliveryState { pending, in_flight, sent, dead, awaiting_approval, rejected };
// "pending", "in_flight", "sent", "dead", "awaiting_approval", "rejected".
const char* delivery_state_name(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view name);

// The variant of a post's image made for one delivery (daemon/images: the
// format, size and bytes its network accepts), made once when the delivery
// is recorded and stored with it, so every attempt and every restart sends
// the same bytes. No variant (empty bytes) with a `note`: the image was
// refused and the announcement goes without it, saying why.
struct DeliveryImage {
  std::string media_type;   // "image/jpeg"; empty when there is no variant
  std::string bytes;
  int width = 0;
  int height = 0;
  std::string alt;          // the post's alt text, or its title when it has none
  std::string note;         // why there is no variant
  std::string url;          // the published copy (networks that fetch by URL); else empty
  bool has_variant() const { return !bytes.empty(); }
};

// A change of a post, as a shared outbox decides it once (NewDelivery):
// its new post (event post.published, no signature: the post's row
// decides), or an edit or a deletion (the signature of the version).
struct ChangeRef {
  std::string post_id;
  std::string event;
  std::string signature;
  bool operator==(const ChangeRef&) const = default;
};

struct NewDelivery {
  std::string post_id;
  std::string target;       // TargetConfig::name
  std::string event;        // a DeliveryEvent's wire name (config/delivery_event.h)
  std::string message_id;   // idempotency key, unique per delivery
  std::string payload;      // body material, fixed at creation
  std::int64_t post_date_ms = 0;   // backlog order: oldest post first
  std::int64_t not_before_ms = 0;  // earliest first attempt (delays)
  std::string check_url;    // non-empty: wait until this URL answers 200 (wait_for_url)
  std::optional<DeliveryImage> image;  // the image step's result; nullopt: none was made
  bool jump_queue = false;  // not paced (`herald resend --now`): sent as soon as it is due
  // Non-zero: a batch coalesced into delivery `replaces` (an IndexNow batch
  // not attempted yet), whose payload this one's replaces; inserted as a
  // delivery of its own when that one was attempted meanwhile.
  std::int64_t replaces = 0;
  // Recorded awaiting an editor's approval (config/approval_config.h): the
  // time it is decided by itself (0: never) and how.
  bool awaiting_approval = false;
  std::int64_t approval_deadline_ms = 0;
  bool approve_on_timeout = false;
  // Non-empty: an editor's `herald resend` (who asked), not the first announcement.
  std::string resent_by = {};
  // Non-empty: the signature of the change this delivery announces (the
  // version a post.updated shows, the version a post.deleted removes, the
  // feed bytes a websub.publish tells of). A shared outbox records each
  // change once for the cluster and leaves out the deliveries of a change
  // another instance recorded first (pg_outbox.h): a post's edit or
  // deletion once per (post_id, event, change); a feed's ping whenever the
  // feed's signature differs from the one last pinged (a feed may come
  // back to an earlier version, and the hubs must hear of that too).
  std::string change = {};
  // Non-empty: a batch (IndexNow) of the URLs of these changes; a shared
  // outbox records each change as above and leaves the batch out when
  // another instance recorded every one of them first (its batch holds
  // these URLs).
  std::vector<ChangeRef> changes = {};
};

struct Delivery {
  std::int64_t id = 0;
  std::string post_id;
  std::string target;
  std::string event;
  std::string message_id;
  std::string payload;
  std::string check_url;
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;               // including the one a claim starts
  std::int64_t created_ms = 0;
  std::int64_t post_date_ms = 0;
  std::int64_t not_before_ms = 0; // next attempt time while pending
  std::int64_t lease_until_ms = 0;
  std::int64_t finished_ms = 0;   // sent or dead at
  int last_status = 0;            // last HTTP status, 0: none (network error)
  std::string last_error;         // why the last attempt failed / why it is dead
  std::string remote_id;          // set when sent (the network's id of the post)
  std::string remote_url;
  std::optional<DeliveryImage> image;  // as recorded (claim() loads it)
  bool jump_queue = false;        // not paced (NewDelivery::jump_queue)
  std::int64_t approval_deadline_ms = 0;  // awaiting_approval: decided by itself then (0: never)
  std::string resent_by;          // NewDelivery::resent_by
  std::string sent_by;            // the instance that sent it (a shared outbox, state.instance); "" in SQLite
};

// Whether `d`, claimed, is the first attempt of a new announcement (what
// pacing spaces out): its first claim, never probed, failed or requeued.
inline bool first_attempt(const Delivery& d) { return d.attempts == 1 && d.last_error.empty(); }

struct DeliveryOutcome {
  enum class Kind { sent, retry, dead, url_pending };
  std::int64_t id = 0;
  Kind kind = Kind::sent;
  std::int64_t at_ms = 0;         // when the outcome happened
  std::int64_t retry_at_ms = 0;   // retry / url_pending: next attempt (url_pending does not count an attempt)
  int http_status = 0;
  std::string error;              // retry/dead: readable reason (never a secret); sent: a note
                                  // on what went without (the image), kept as last_error
  // dead: the target itself was refused or is gone (credentials refused,
  // webhook deleted, channel archived): every other delivery of the target
  // would fail alike, so the engine stops them (Outbox::stop_target).
  bool target_refused = false;
  std::string remote_id;          // sent
  std::string remote_url;         // sent
};

}  // namespace herald
