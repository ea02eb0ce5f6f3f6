#include "daemon/announce/announcer.h"

#include <algorithm>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/announce/change_signature.h"
#include "daemon/targets/approval.h"
#include "daemon/targets/target_filter.h"
#include "feeds/entry_builder.h"

namespace herald {
namespace {

bool is_published(const Post& post, const Timestamp& now) { return !post.draft && post.date <= now; }

// Targets announced posts one by one (indexnow targets get batches of URLs).
bool announces_posts(const TargetConfig& target) { return target.type != TargetType::indexnow; }

std::int64_t millis(const Timestamp& t) { return t.unix_seconds * 1000; }

// Announcement order: oldest post first, ties by id.
bool oldest_first(const Post* a, const Post* b) {
  return a->date != b->date ? a->date < b->date : a->id < b->id;
}

void note_target(Announcement& result, const std::string& target) {
  if (std::find(result.targets.begin(), result.targets.end(), target) == result.targets.end()) {
    result.targets.push_back(target);
  }
}

}  // namespace

bool post_content_differs(const Post& a, const Post& b) {
  auto image = [](const Post& p) {
    return p.image ? std::make_pair(p.image->url, p.image_alt()) : std::make_pair(std::string(), std::string());
  };
  return a.id != b.id || a.guid != b.guid || a.title != b.title || a.date != b.date ||
         a.date.offset_minutes != b.date.offset_minutes || a.updated != b.updated ||
         a.author != b.author || a.summary != b.summary || a.section != b.section ||
         a.tags != b.tags || a.image.has_value() != b.image.has_value() || image(a) != image(b) ||
         a.draft != b.draft || a.slug() != b.slug() || a.fields != b.fields;
}

Announcer::Announcer(const Config& config, PayloadBuilder payload, MessageIdSource message_id, ImageMaker image)
    : config_(config), payload_(std::move(payload)), message_id_(std::move(message_id)), image_(std::move(image)) {}

OutboxPost Announcer::record_of(const Post& post) const {
  return OutboxPost{post.id, post.title,
                    post_url(post, config_.site.url, config_.content.rules.permalink),
                    post.source_path, millis(post.date)};
}

NewDelivery Announcer::delivery(const TargetConfig& target, const Post& post, DeliveryEvent event,
                                const Timestamp& now) const {
  NewDelivery made = without_image(target, post, event, now);
  if (image_ && event != DeliveryEvent::deleted) made.image = image_(target, post);
  return made;
}

NewDelivery Announcer::without_image(const TargetConfig& target, const Post& post, DeliveryEvent event,
                                     const Timestamp& now) const {
  NewDelivery delivery;
  delivery.post_id = post.id;
  delivery.target = target.name;
  delivery.event = delivery_event_name(event);
  delivery.message_id = message_id_();
  delivery.payload = payload_(target, post, event, now);
  delivery.post_date_ms = millis(post.date);
  // A delay counts from the announcement (an editor's grace period to fix
  // a typo), not from the post's date: a back-dated post still waits.
  delivery.not_before_ms =
      millis(now) + std::chrono::duration_cast<std::chrono::milliseconds>(target.delay).count();
  if (target.wait_for_url && event != DeliveryEvent::deleted) {
    delivery.check_url = post_url(post, config_.site.url, config_.content.rules.permalink);
  }
  hold_for_approval(target.approval, post, millis(now), delivery);
  return delivery;
}

void Announcer::add(AnnouncementPlan& plan, const TargetConfig& target, const Post& post, DeliveryEvent event,
                    const Timestamp& now, const std::string& change) const {
  plan.deliveries.push_back(without_image(target, post, event, now));
  plan.deliveries.back().change = change;
  bool imaged = image_ && event != DeliveryEvent::deleted;
  plan.images.emplace_back(imaged ? &target : nullptr, imaged ? &post : nullptr);
  note_target(plan.result, target.name);
}

void Announcer::announce(const std::vector<const Post*>& posts, const Timestamp& now, AnnouncementPlan& plan) const {
  for (const Post* post : posts) {
    ++plan.result.new_posts;
    note_indexnow_url(config_, *post, plan.indexnow);
    plan.indexnow_changes.push_back(ChangeRef{post->id, delivery_event_name(DeliveryEvent::published), ""});
    for (const TargetConfig& target : config_.targets) {
      if (announces_posts(target) && target_wants(target, *post)) {
        add(plan, target, *post, DeliveryEvent::published, now);
      }
    }
  }
}

AnnouncementPlan Announcer::plan_full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox) const {
  AnnouncementPlan plan;
  plan.wall_ms = millis(now.wall);
  Announcement& result = plan.result;
  std::vector<const Post*> published = catalog.published(now.publish_by);
  std::sort(published.begin(), published.end(), oldest_first);
  std::vector<const Post*> fresh;
  plan.baseline = !outbox.has_baseline();
  if (plan.baseline) {
    const DeliveryConfig& delivery = config_.delivery;
    for (const Post* post : published) {
      bool before_cutoff = delivery.first_start == FirstStartPolicy::kPresent ||
                           (delivery.cutoff && post->date < *delivery.cutoff);
      if (before_cutoff) {
        plan.records.push_back(post);
        ++result.recorded;
      } else {
        fresh.push_back(post);
      }
    }
  } else {
    std::vector<std::string> ids;
    ids.reserve(published.size());
    for (const Post* post : published) ids.push_back(post->id);
    std::vector<std::string> unseen;
    result.status = outbox.unseen(ids, &unseen);
    if (!result.status.ok()) return plan;
    std::set<std::string> wanted(unseen.begin(), unseen.end());
    for (const Post* post : published) {
      if (wanted.count(post->id) != 0) fresh.push_back(post);
    }
  }
  for (const Post* post : fresh) plan.records.push_back(post);
  announce(fresh, now.wall, plan);
  return plan;
}

AnnouncementPlan Announcer::plan_changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                                         const AnnounceTime& now, Outbox& outbox) const {
  AnnouncementPlan plan;
  plan.wall_ms = millis(now.wall);
  std::vector<std::string> ids;
  for (const PostEdit& edit : edits) ids.push_back(edit.id);
  std::vector<std::string> unseen_ids;
  plan.result.status = outbox.unseen(ids, &unseen_ids);
  if (!plan.result.status.ok()) return plan;
  std::set<std::string> unseen(unseen_ids.begin(), unseen_ids.end());

  std::vector<const Post*> fresh;
  for (const PostEdit& edit : edits) {
    const Post* after = catalog.find(edit.id);
    bool seen = unseen.count(edit.id) == 0;
    if (after != nullptr && is_published(*after, now.publish_by)) {
      plan.records.push_back(after);
      if (!seen) {
        fresh.push_back(after);
        continue;
      }
      // An edit reaches here only when the file's bytes changed, and the
      // catalog keeps no body to compare: every edit is submitted.
      if (edit.before && is_published(*edit.before, now.publish_by)) {
        note_indexnow_url(config_, *edit.before, plan.indexnow);  // moved: the old URL answers 404 now
        note_indexnow_url(config_, *after, plan.indexnow);
      }
      const bool differs = edit.before && post_content_differs(*edit.before, *after);
      if (edit.before && is_published(*edit.before, now.publish_by)) {
        if (differs) {
          plan.indexnow_changes.push_back(
              ChangeRef{after->id, delivery_event_name(DeliveryEvent::updated), post_signature(*after)});
        } else {
          plan.indexnow_undecided = true;
        }
      }
      if (edit.before && is_published(*edit.before, now.publish_by) && differs) {
        const std::string change = post_signature(*after);  // the version announced
        for (const TargetConfig& target : config_.targets) {
          if (announces_posts(target) && target.post_updated && target_wants(target, *after)) {
            add(plan, target, *after, DeliveryEvent::updated, now.wall, change);
          }
        }
      }
      continue;
    }
    bool gone = after == nullptr || after->draft;
    if (gone && seen && edit.before && is_published(*edit.before, now.publish_by)) {
      note_indexnow_url(config_, *edit.before, plan.indexnow);
      const std::string change = post_signature(*edit.before);  // the version deleted
      plan.indexnow_changes.push_back(ChangeRef{edit.id, delivery_event_name(DeliveryEvent::deleted), change});
      for (const TargetConfig& target : config_.targets) {
        if (announces_posts(target) && target.post_deleted && target_wants(target, *edit.before)) {
          add(plan, target, *edit.before, DeliveryEvent::deleted, now.wall, change);
        }
      }
    }
  }
  std::sort(fresh.begin(), fresh.end(), oldest_first);
  announce(fresh, now.wall, plan);
  return plan;
}

void Announcer::make_images(AnnouncementPlan& plan) const {
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    const auto& [target, post] = plan.images[i];
    if (target != nullptr) plan.deliveries[i].image = image_(*target, *post);
  }
}

Announcement Announcer::record(AnnouncementPlan& plan, Outbox& outbox, std::int64_t recorded_ms) const {
  Announcement& result = plan.result;
  if (!result.status.ok()) return result;
  const std::int64_t later = recorded_ms - plan.wall_ms;
  for (NewDelivery& delivery : plan.deliveries) {
    delivery.not_before_ms += later;
    if (delivery.approval_deadline_ms != 0) delivery.approval_deadline_ms += later;
  }
  plan.wall_ms = recorded_ms;
  // Batched here (after make_images), with the outbox held until they are
  // recorded: a waiting batch cannot be claimed between coalescing and recording.
  for (NewDelivery& batch : indexnow_deliveries(config_, plan.indexnow, outbox, plan.wall_ms, message_id_)) {
    note_target(result, batch.target);
    if (!plan.indexnow_undecided) batch.changes = plan.indexnow_changes;
    plan.deliveries.push_back(std::move(batch));
  }
  plan.indexnow.clear();
  result.deliveries = plan.deliveries.size();
  if (plan.records.empty() && plan.deliveries.empty() && !plan.baseline) return result;
  RecordOutcome left_out;
  const OutboxPosts posts(plan.records.size(), [&](std::size_t i) { return record_of(*plan.records[i]); });
  result.status = outbox.record(posts, plan.deliveries, plan.baseline, &left_out);
  if (result.status.ok() && left_out.posts_taken > 0) {
    // Another instance sharing the outbox recorded them first and announces them.
    spdlog::info("{} new post(s) already recorded by another instance, which announces them",
                 left_out.posts_taken);
    result.new_posts -= std::min(result.new_posts, left_out.posts_taken);
  }
  if (result.status.ok() && left_out.changes_taken > 0) {
    spdlog::info("{} edit(s) or deletion(s) of posts already recorded by another instance, which announces them",
                 left_out.changes_taken);
  }
  if (result.status.ok()) result.deliveries -= std::min(result.deliveries, left_out.deliveries_dropped);
  if (result.status.ok() && plan.baseline) {
    spdlog::info("first start: {} published post(s) recorded as already announced, {} to announce",
                 result.recorded, result.new_posts);
  }
  return result;
}

Announcement Announcer::full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox) {
  AnnouncementPlan plan = plan_full_pass(catalog, now, outbox);
  make_images(plan);
  return record(plan, outbox, plan.wall_ms);
}

Announcement Announcer::changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                                const AnnounceTime& now, Outbox& outbox) {
  AnnouncementPlan plan = plan_changes(catalog, edits, now, outbox);
  make_images(plan);
  return record(plan, outbox, plan.wall_ms);
}

}  // namespace herald
