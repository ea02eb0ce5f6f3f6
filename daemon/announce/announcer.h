// Announcer: decides which posts are new and records their deliveries in
// the outbox (one transaction per batch, before any network I/O).
//
// An announcement has three steps, so the slow one holds no lock: plan_*()
// reads the outbox (what is unseen) and makes the deliveries and their
// payloads; make_images() makes their image variants (a file read, a fetch,
// a conversion: seconds at worst) without the outbox; record() writes the
// batch in one transaction. Only the site thread announces, so nothing
// records these posts between the steps. full_pass() and changes() do all
// three with one outbox (tests, tools).
//
// A post is new when it is published (not a draft, dated at or before now)
// and the outbox has never recorded its id. Identity is the post id: an
// edit, a rename, a re-save, a restart, a rescan or a reload finds the id
// recorded and announces nothing. The first start records what is already
// published as announced (delivery.first_start: everything present, or the
// posts dated before delivery.cutoff), so an existing site does not flood
// its targets.
//
// For each new post, every target whose filters want it (target_filter.h)
// gets one post.published delivery, due after the target's delay; targets
// that ask for them also get post.updated (a recorded, published post whose
// content changed) and post.deleted (a recorded post whose file is gone or
// became a draft), each change marked with its signature
// (change_signature.h) so instances sharing an outbox announce it once.
// indexnow targets get no post's delivery: the URLs of the
// new, edited and deleted posts go to them in batches (indexnow_batches.h). Payloads are built by the injected PayloadBuilder (one per
// target type), so the bytes and idempotency key are fixed at creation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "config/delivery_event.h"
#include "daemon/announce/indexnow_batches.h"
#include "daemon/outbox/outbox.h"
#include "daemon/site/site_state.h"
#include "feeds/catalog.h"

namespace herald {

// The body a target of this type gets for `event` about `post`, built at
// `now` (the announcement time).
using PayloadBuilder = std::function<std::string(const TargetConfig& target, const Post& post,
                                                 DeliveryEvent event, const Timestamp& now)>;
// A fresh idempotency key (webhook-id / Idempotency-Key).
using MessageIdSource = std::function<std::string()>;
// The image variant a target of this type gets with `post`, made when its
// delivery is recorded (daemon/images ImageStep); nullopt: none.
using ImageMaker = std::function<std::optional<DeliveryImage>(const TargetConfig& target, const Post& post)>;

struct Announcement {
  Status status;
  std::size_t recorded = 0;     // posts recorded as seen without deliveries (baseline)
  std::size_t new_posts = 0;    // posts announced
  std::size_t deliveries = 0;   // deliveries created
  std::vector<std::string> targets;  // targets that got deliveries (wake them)
};

// When an announcement happens: posts dated at or before `publish_by` are
// published (the site's clock, which never goes back: service/site_clock.h),
// and deliveries are made at `wall` (their payloads' times; their waits
// count from the recording, Announcer::record). They differ only after the
// wall clock was stepped back.
struct AnnounceTime {
  Timestamp publish_by;
  Timestamp wall;
  AnnounceTime(const Timestamp& publish_by, const Timestamp& wall) : publish_by(publish_by), wall(wall) {}
  AnnounceTime(const Timestamp& now) : AnnounceTime(now, now) {}  // NOLINT: one instant for both
};

// A batch decided and not yet recorded (the posts it points to are the
// catalog's: record it before the catalog changes).
struct AnnouncementPlan {
  Announcement result;
  bool baseline = false;  // the first start's: recorded as already announced
  std::vector<const Post*> records;  // recorded as record_of() makes them, one at a time
  std::vector<NewDelivery> deliveries;
  // Per delivery: the target and post whose image it takes (null: none).
  std::vector<std::pair<const TargetConfig*, const Post*>> images;
  IndexNowUrls indexnow;  // the URLs for indexnow targets, batched by record()
  // The changes those URLs come from (NewDelivery::changes of the batches);
  // `undecided`: some have no signature (an edit of the body alone, a
  // rename), so the batches are recorded whoever saw them first.
  std::vector<ChangeRef> indexnow_changes;
  bool indexnow_undecided = false;
  std::int64_t wall_ms = 0;  // AnnounceTime::wall of the plan; record() moves it to the recording
};

class Announcer {
 public:
  Announcer(const Config& config, PayloadBuilder payload, MessageIdSource message_id, ImageMaker image = {});

  // After a full load: the first start's baseline, or every unseen published post.
  AnnouncementPlan plan_full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox) const;
  // After an incremental batch (SiteState::apply/rescan/publish_due).
  AnnouncementPlan plan_changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                                const AnnounceTime& now, Outbox& outbox) const;
  // The image variants of the plan's deliveries (the ImageMaker's).
  void make_images(AnnouncementPlan& plan) const;
  // Records the plan (nothing when it holds nothing to record) at
  // `recorded_ms`, the wall clock read with the outbox held: the waits the
  // plan set (delays, approval deadlines) count from it, as the outbox's
  // creation times do. The plan's own reading is older by the images made
  // in between, and may lie across a step of the clock the delivery engine
  // has already moved the outbox's waits for: a wait left on it would be an
  // hour off.
  Announcement record(AnnouncementPlan& plan, Outbox& outbox, std::int64_t recorded_ms) const;

  // The three steps with one outbox and one reading of the clock.
  Announcement full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox);
  Announcement changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                       const AnnounceTime& now, Outbox& outbox);

  // What a post is recorded as (for `herald list`).
  OutboxPost record_of(const Post& post) const;
  // A delivery of `event` about `post` to `target`, created at `now`, with its image.
  NewDelivery delivery(const TargetConfig& target, const Post& post, DeliveryEvent event,
                       const Timestamp& now) const;

 private:
  // A delivery without its image, added to `plan` (its image noted for make_images()).
  // `change`: the signature of the change it announces (NewDelivery::change; "" for a new post).
  void add(AnnouncementPlan& plan, const TargetConfig& target, const Post& post, DeliveryEvent event,
           const Timestamp& now, const std::string& change = {}) const;
  NewDelivery without_image(const TargetConfig& target, const Post& post, DeliveryEvent event,
                            const Timestamp& now) const;
  void announce(const std::vector<const Post*>& posts, const Timestamp& now, AnnouncementPlan& plan) const;

  Config config_;
  PayloadBuilder payload_;
  MessageIdSource message_id_;
  ImageMaker image_;
};

// Whether two versions of a post differ in anything a reader sees (the
// file it lives in does not count).
bool post_content_differs(const Post& a, const Post& b);

}  // namespace herald
