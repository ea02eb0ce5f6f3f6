// Outbox: the durable record of what herald announced, and the queue of
// deliveries still to make. Nothing is sent before it is recorded here.
// Two engines behind this one interface: one SQLite file in the state
// directory (<state.dir>/outbox.db, Outbox::open below, the default), or
// the PostgreSQL database of state.database that several instances share
// (pg_outbox.h: what differs is said there). The contract below holds for
// both unless it names SQLite.
//
// Posts: every post id the announcer has seen, with what `herald list`
// shows (title, url, date, file). An id recorded once is never announced
// again by the announcer (edits, renames, restarts, rescans, reloads);
// only `herald resend` creates new deliveries for it.
//
// Deliveries: one row per (post, target, event) announcement, created in the
// same transaction that records the post, with its idempotency material
// fixed at creation: `message_id` (the webhook-id / Idempotency-Key, stable
// across retries) and `payload` (the body bytes). A delivery is claimed with
// a lease before any network I/O (state in_flight, attempts + 1); then it is
// finished as sent (remote id and URL kept), retried at a later time (state
// pending again, the error kept), or dead (the reason kept). A lease that
// expires (its daemon died mid-request) makes the delivery claimable again
// with the same message_id.
//
// Target state: one blob per target name that its driver keeps across
// restarts (target_driver.h TargetStateStore), e.g. a Bluesky session.
//
// Pace: per target, what its `pace:` needs across restarts (its last new
// announcement, its count for the local day, a 429's hold) and the time the
// engine decided its next new announcement may start (docs/delivery.md).
//
// Leases name their holder (schema 7: deliveries.lease_holder, the
// instance that claimed; sent_by, the instance that finished it as sent).
//
// SQLite: schema versions are migrated in one transaction each, recorded in
// `PRAGMA user_version`; a file from a newer herald is refused, never
// changed. A corrupt file (not a database, or failing `PRAGMA quick_check`)
// is moved aside (base/corrupt_file.h) and open() fails saying so; while the
// moved file stays beside a missing outbox.db, open() keeps failing: an
// empty outbox is started only when the operator has moved it away. A
// read-write Outbox holds an exclusive lock (flock on <path>.lock) for its
// life: one daemon per state directory.
//
// All times are Unix milliseconds. Errors are values (Status, feeds/status.h); an
// Outbox belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "daemon/targets/delivery.h"
#include "daemon/targets/pace_rule.h"
#include "feeds/status.h"

namespace herald {

// What the outbox keeps about a post (for `herald list` and `resend`).
struct OutboxPost {
  std::string id;
  std::string title;
  std::string url;          // public URL
  std::string source_path;  // relative to content.dir
  std::int64_t date_ms = 0; // publication instant
};

// The posts one record() call records. Made one at a time as they are
// written when given as a count and a maker: a first start records every
// published post, ~400 bytes apiece were they all made at once.
class OutboxPosts {
 public:
  OutboxPosts() = default;
  OutboxPosts(std::vector<OutboxPost> posts) : made_(std::move(posts)), count_(made_.size()) {}  // NOLINT
  OutboxPosts(std::initializer_list<OutboxPost> posts) : OutboxPosts(std::vector<OutboxPost>(posts)) {}
  OutboxPosts(std::size_t count, std::function<OutboxPost(std::size_t)> make)
      : count_(count), make_(std::move(make)) {}

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  OutboxPost operator[](std::size_t i) const { return make_ ? make_(i) : made_[i]; }

 private:
  std::vector<OutboxPost> made_;
  std::size_t count_ = 0;
  std::function<OutboxPost(std::size_t)> make_;
};

struct TargetCounts {
  std::string target;
  std::int64_t pending = 0;
  std::int64_t in_flight = 0;
  std::int64_t sent = 0;
  std::int64_t dead = 0;
  std::int64_t awaiting_approval = 0;
  std::int64_t rejected = 0;
  std::optional<std::int64_t> next_attempt_ms;  // earliest pending not_before
  std::string last_error;                       // most recent failed attempt's error
  std::int64_t last_error_ms = 0;
  // Pacing: pending first attempts that wait for their turn, and when the
  // next may start and why, as the engine last decided (0 / "": not held).
  std::int64_t paced = 0;
  std::int64_t scheduled_ms = 0;
  std::string pace_reason;
  // Sent deliveries by the instance that sent them (a shared outbox:
  // pg_outbox.h); empty in SQLite, where one instance sends them all.
  std::map<std::string, std::int64_t> sent_by;
};

// A target's pacing as the engine keeps it: the rule's state, and the time
// it decided the next first attempt may start (what status and list show).
struct TargetPace {
  PaceState state;
  std::int64_t scheduled_ms = 0;  // 0: nothing held by pacing
  std::string reason;             // pace_reason_name() of what holds it
  bool operator==(const TargetPace&) const = default;
};

// One target's share of a claim (Outbox::claim_many): up to `limit` due
// deliveries. A paced target (first_limit >= 0) takes at most `first_limit`
// first attempts (targets/delivery.h first_attempt), newest post first when
// `newest_first`; its other deliveries are claimed as any target's.
struct ClaimRequest {
  std::string target;
  int limit = 0;
  int first_limit = -1;  // -1: not paced
  bool newest_first = false;
};

// What Outbox::record left out: the posts and the changes
// (NewDelivery::change) another instance sharing the outbox had recorded
// first, and their announcements (0 in SQLite).
struct RecordOutcome {
  std::size_t posts_taken = 0;         // new posts whose announcements were left out
  std::size_t changes_taken = 0;       // changes whose announcements were left out
  std::size_t deliveries_dropped = 0;  // the announcements left out
};

// Which pending deliveries Outbox::next_due looks at.
enum class DueKind { any, first_attempts, others };

// A target's deliveries not finished yet (pending or in flight).
struct TargetBacklog {
  std::string target;
  std::int64_t waiting = 0;
  std::int64_t oldest_created_ms = 0;  // when the oldest of them was recorded
};

struct ListFilter {
  std::string target;                   // empty: all
  std::optional<DeliveryState> state;   // only posts with a delivery in this state
  int limit = 20;                       // posts, newest first (by date)
};
struct PostDeliveries {
  OutboxPost post;
  std::vector<Delivery> deliveries;     // payload left empty; oldest first
};

// One line of the audit (table audit): an editor's decision or request,
// who made it and when. Actions: "approve", "reject", "resend", "retry";
// the actor "timeout" for a decision an approval's deadline made.
struct AuditEntry {
  std::int64_t at_ms = 0;
  std::string actor;         // a Unix user or console account, "cli", "timeout"
  std::string action;
  std::string post_id;       // "" when the action names no post (retry of a whole target)
  std::string target;        // "" when it names no target
  std::int64_t delivery_id = 0;  // 0 when it names no single delivery
  std::string detail;        // the editor's text, a count; never a secret
  bool operator==(const AuditEntry&) const = default;
};

// The outbox of `config`: <state.dir>/outbox.db.
std::string outbox_path(const Config& config);

class Outbox {
 public:
  enum class Mode { read_write, read_only };
  static constexpr int kSchemaVersion = 8;

  // Opens (read_write: creating and migrating) the SQLite outbox at `path`.
  // read_only never creates, migrates or locks (the CLI while the daemon
  // runs or not); it fails when the file does not exist. The Result holds
  // the outbox, or why not, naming the file ("<path>: no such file").
  static Result<std::unique_ptr<Outbox>> open(const std::string& path, Mode mode);
  virtual ~Outbox() = default;

  // --- the announcer
  // Whether the first start's baseline has been recorded.
  virtual bool has_baseline() = 0;
  // Of `ids`, those never recorded, in the given order. Fast for 200,000 ids.
  virtual Status unseen(const std::vector<std::string>& ids, std::vector<std::string>* out) = 0;
  // One transaction: upserts `posts` (title/url/path/date refreshed for
  // known ids), inserts `deliveries` (one that `replaces` a delivery still
  // not attempted becomes that one's payload instead), and, when `baseline`
  // is set, marks the baseline as recorded. A shared outbox leaves out the
  // announcements of posts and of changes (NewDelivery::change) another
  // instance recorded first (pg_outbox.h), counted in *outcome when given;
  // SQLite's one instance records every change it is given.
  virtual Status record(const OutboxPosts& posts, const std::vector<NewDelivery>& deliveries,
                        bool baseline = false, RecordOutcome* outcome = nullptr) = 0;
  virtual std::optional<OutboxPost> find_post(std::string_view id_path_or_url) = 0;
  // The published image variants (DeliveryImage::url) of deliveries not sent yet.
  virtual Result<std::set<std::string>> image_urls_in_use() = 0;

  // --- the delivery engine
  // In-flight deliveries of a previous process become pending (call once,
  // right after open: the lock proves their owner is gone). Returns how many.
  virtual std::int64_t recover_in_flight(std::int64_t now_ms) = 0;
  // Claims up to `limit` deliveries of `target` due at `now_ms` (pending with
  // not_before <= now, or in_flight with an expired lease), oldest post first:
  // state in_flight, lease_until = now + lease, attempts + 1 (url_pending
  // probes excepted, see finish). PostgreSQL times leases (their end, their
  // expiry) by the database's clock instead of `now_ms` (pg_outbox.h).
  virtual Status claim(const std::string& target, std::int64_t now_ms, std::int64_t lease_ms,
                     int limit, std::vector<Delivery>* out) = 0;
  // claim() for several targets in one transaction (ClaimRequest: a paced
  // target's first attempts apart); the deliveries of each target in post
  // order (a paced target's first attempts after its others), targets in
  // the given order.
  virtual Status claim_many(const std::vector<ClaimRequest>& requests, std::int64_t now_ms, std::int64_t lease_ms,
                    std::vector<Delivery>* out) = 0;
  // Records outcomes in one transaction.
  virtual Status finish(const std::vector<DeliveryOutcome>& outcomes) = 0;
  // Whether `target` has a delivery of `post_id` not attempted yet (WebSub
  // pings coalesce on it).
  virtual bool has_unattempted(const std::string& target, const std::string& post_id) = 0;
  // `target`'s newest delivery of `event` not attempted yet (IndexNow
  // batches coalesce into it): its id and payload; nullopt when none.
  virtual std::optional<std::pair<std::int64_t, std::string>> unattempted_of(const std::string& target,
                                                                     const std::string& event) = 0;
  // Earliest not_before of `target`'s pending deliveries (any target when empty).
  virtual std::optional<std::int64_t> next_due(const std::string& target = {}) = 0;
  // The same, of `target`'s pending first attempts (not jump_queue) or of the others.
  virtual std::optional<std::int64_t> next_due(const std::string& target, DueKind kind) = 0;
  // The in-flight deliveries of `target`: (id, lease_until_ms in this
  // machine's clock), by id.
  virtual std::vector<std::pair<std::int64_t, std::int64_t>> leases(const std::string& target) = 0;
  // The wall clock stepped by `step_ms` between `before_ms` (its last
  // reading before the step; ClockStepDetector) and `after_ms` (the first
  // after it): the waits the engine measured keep their length, in one
  // transaction. Moved by the step: the not_before of pending deliveries
  // already attempted or probed (retries) or already due at `before_ms`,
  // and, on a step back, of those recorded on the clock before the step
  // (created later than `after_ms`: the clock has not come back to their
  // creation yet, though they came after the last reading), with their
  // creation time; and every lease, with its delivery's creation time, so
  // that a wait_for_url probe in flight keeps its url_check_max (SQLite's
  // leases: PostgreSQL's follow the database's clock and stay). Any other
  // first attempt keeps its time (the post's own, or one recorded after the
  // step). Returns how many moved.
  virtual Result<std::int64_t> shift_waits(std::int64_t step_ms, std::int64_t before_ms, std::int64_t after_ms) = 0;
  // The latest wall-clock time the delivery engine noted (nullopt: none
  // yet), so a start after the clock was stepped back while herald was
  // stopped finds its waits in the future and moves them (shift_waits).
  virtual std::optional<std::int64_t> wall_mark() = 0;
  virtual Status set_wall_mark(std::int64_t ms) = 0;

  // --- pacing (outbox_pace.cc): each target's, kept across restarts
  // The pace saved for `target` (a default TargetPace when none).
  virtual Result<TargetPace> pace(const std::string& target) = 0;
  virtual Status save_pace(const std::string& target, const TargetPace& pace) = 0;
  // Every saved pace, by target.
  virtual std::map<std::string, TargetPace> paces() = 0;
  // pace.max_age: `target`'s pending post.published deliveries of posts
  // dated before `posted_before_ms` (not jump_queue) become dead with
  // `reason`, not announced. Returns how many.
  virtual std::int64_t skip_stale(const std::string& target, std::int64_t posted_before_ms,
                          const std::string& reason, std::int64_t now_ms) = 0;

  // --- editors (the CLI, through the daemon or directly)
  // Every target that has deliveries, by name.
  virtual std::vector<TargetCounts> counts() = 0;
  // Targets with unfinished deliveries, by name; reads only those rows (for
  // /metrics, where counts() would scan every delivery ever made).
  virtual std::vector<TargetBacklog> backlog() = 0;
  virtual std::vector<PostDeliveries> list(const ListFilter& filter) = 0;
  // The post whose id is `post_id` with its deliveries (list()'s shape); nullopt when none.
  virtual std::optional<PostDeliveries> post_deliveries(const std::string& post_id) = 0;
  // A number that differs between two calls on this Outbox whenever the
  // outbox may have changed in between, through it or another connection
  // (SqliteDb::change_counter; no table read): what the console's live
  // pages poll. The Result holds it, or why it could not be read.
  virtual Result<std::int64_t> change_counter() = 0;
  // The target refused herald itself (a bad token, a deleted webhook): its
  // pending deliveries become dead with `reason` (in-flight ones finish on
  // their own). `herald retry --target` sends them once it is fixed.
  // Returns how many.
  virtual std::int64_t stop_target(const std::string& target, const std::string& reason, std::int64_t now_ms) = 0;
  // Dead deliveries (of `target`, of `post_id`; empty: any) become pending,
  // due now, attempts reset to 0. Returns how many.
  virtual std::int64_t requeue_dead(const std::string& target, const std::string& post_id, std::int64_t now_ms) = 0;

  // --- approval before posting (outbox_approval.cc; targets/approval.h)
  // Delivery `id` with its payload; nullopt when there is none.
  virtual std::optional<Delivery> delivery(std::int64_t id) = 0;
  // The deliveries of `post_id` (to `target`; empty: any) awaiting
  // approval, with their payloads, oldest first.
  virtual std::vector<Delivery> awaiting_approval(const std::string& post_id, const std::string& target) = 0;
  // Delivery `id`, awaiting approval, becomes pending (its payload replaced
  // by `payload` when given: the editor's text) and `audit` is recorded, in
  // one transaction. The Result holds false when it was not awaiting
  // approval (decided already: approving twice sends once).
  virtual Result<bool> approve(std::int64_t id, const std::optional<std::string>& payload, const AuditEntry& audit) = 0;
  // The same, to rejected (never sent; finished now, the reason "rejected
  // by <actor>" kept as its last error).
  virtual Result<bool> reject(std::int64_t id, const AuditEntry& audit) = 0;
  // The deliveries whose approval deadline passed at `now_ms` take their
  // default (pending or rejected), audited as actor "timeout".
  struct ExpiredApprovals {
    std::size_t decided = 0;            // deliveries that took their default: writes made
    std::vector<std::string> approved;  // the targets of those approved, by name, once each
  };
  virtual Result<ExpiredApprovals> expire_approvals(std::int64_t now_ms) = 0;
  virtual Status record_audit(const AuditEntry& entry) = 0;
  // The audit, newest first: of `post_id` (empty: every post), at most `limit`.
  virtual std::vector<AuditEntry> audit(const std::string& post_id, int limit) = 0;

  // --- target drivers: state that outlives a process (a Bluesky session)
  // The Result holds the state saved for `target` (nullopt when none), or
  // why it could not be read.
  virtual Result<std::optional<std::string>> target_state(const std::string& target) = 0;
  virtual Status save_target_state(const std::string& target, const std::string& state,
                                 std::int64_t now_ms) = 0;

  // The progress a multi-step publish saved for delivery `delivery_id`
  // (target_driver.h; table delivery_progress, schema version 5): nullopt
  // when none, or why it could not be read. Dropped when the delivery is sent.
  virtual Result<std::optional<std::string>> delivery_progress(std::int64_t delivery_id) = 0;
  virtual Status save_delivery_progress(std::int64_t delivery_id, const std::string& progress, std::int64_t now_ms) = 0;

  virtual const std::string& path() const = 0;
  // Whether the file a read-write outbox opened is still the one at its
  // path: a state directory deleted or moved under a running daemon leaves
  // SQLite writing to an unlinked file, whose records are lost at the next
  // start. A stat: cheap enough for a periodic check. Ok when read-only.
  // Safe from any thread: it reads only what open() fixed.
  virtual Status check_file() = 0;

};

}  // namespace herald
