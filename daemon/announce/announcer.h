// Announcer: decides which posts are new and records their deliveries in
// the outbox (one transaction per batch, before any network I/O).
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
// became a draft). Payloads are built by the injected PayloadBuilder (one per
// target type), so the bytes and idempotency key are fixed at creation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/delivery_event.h"
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
// and deliveries are created at `wall` (due after their delay, payload
// times). They differ only after the wall clock was stepped back.
struct AnnounceTime {
  Timestamp publish_by;
  Timestamp wall;
  AnnounceTime(const Timestamp& publish_by, const Timestamp& wall) : publish_by(publish_by), wall(wall) {}
  AnnounceTime(const Timestamp& now) : AnnounceTime(now, now) {}  // NOLINT: one instant for both
};

class Announcer {
 public:
  Announcer(const Config& config, PayloadBuilder payload, MessageIdSource message_id, ImageMaker image = {});

  // After a full load: the first start's baseline, or every unseen published post.
  Announcement full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox);
  // After an incremental batch (SiteState::apply/rescan/publish_due).
  Announcement changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                       const AnnounceTime& now, Outbox& outbox);

  // What a post is recorded as (for `herald list`).
  OutboxPost record_of(const Post& post) const;
  // A delivery of `event` about `post` to `target`, created at `now`.
  NewDelivery delivery(const TargetConfig& target, const Post& post, DeliveryEvent event,
                       const Timestamp& now) const;

 private:
  void announce(const std::vector<const Post*>& posts, const Timestamp& now,
                std::vector<NewDelivery>& out, Announcement& result) const;

  Config config_;
  PayloadBuilder payload_;
  MessageIdSource message_id_;
  ImageMaker image_;
};

// Whether two versions of a post differ in anything a reader sees (the
// file it lives in does not count).
bool post_content_differs(const Post& a, const Post& b);

}  // namespace herald
