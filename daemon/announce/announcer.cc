#include "daemon/announce/announcer.h"

#include <algorithm>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/targets/target_filter.h"
#include "feeds/entry_builder.h"

namespace herald {
namespace {

bool is_published(const Post& post, const Timestamp& now) { return !post.draft && post.date <= now; }

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
    return p.image ? std::make_pair(p.image->url, p.image->alt) : std::make_pair(std::string(), std::string());
  };
  return a.id != b.id || a.guid != b.guid || a.title != b.title || a.date != b.date ||
         a.date.offset_minutes != b.date.offset_minutes || a.updated != b.updated ||
         a.author != b.author || a.summary != b.summary || a.section != b.section ||
         a.tags != b.tags || a.image.has_value() != b.image.has_value() || image(a) != image(b) ||
         a.draft != b.draft || a.slug != b.slug || a.fields != b.fields;
}

Announcer::Announcer(const Config& config, PayloadBuilder payload, MessageIdSource message_id, ImageMaker image)
    : config_(config), payload_(std::move(payload)), message_id_(std::move(message_id)), image_(std::move(image)) {}

OutboxPost Announcer::record_of(const Post& post) const {
  return OutboxPost{post.id, post.title,
                    post_url(post, config_.site.url, config_.content.rules.permalink),
                    post.source_path, millis(post.date)};
}

NewDelivery Announcer::delivery(const TargetConfig& target, const Post& post,
                                DeliveryEvent event, const Timestamp& now) const {
  NewDelivery delivery;
  delivery.post_id = post.id;
  delivery.target = target.name;
  delivery.event = delivery_event_name(event);
  delivery.message_id = message_id_();
  delivery.payload = payload_(target, post, event, now);
  if (image_ && event != DeliveryEvent::deleted) delivery.image = image_(target, post);
  delivery.post_date_ms = millis(post.date);
  // A delay counts from the announcement (an editor's grace period to fix
  // a typo), not from the post's date: a back-dated post still waits.
  delivery.not_before_ms =
      millis(now) + std::chrono::duration_cast<std::chrono::milliseconds>(target.delay).count();
  if (target.wait_for_url && event != DeliveryEvent::deleted) {
    delivery.check_url = post_url(post, config_.site.url, config_.content.rules.permalink);
  }
  return delivery;
}

void Announcer::announce(const std::vector<const Post*>& posts, const Timestamp& now,
                         std::vector<NewDelivery>& out, Announcement& result) const {
  for (const Post* post : posts) {
    ++result.new_posts;
    for (const TargetConfig& target : config_.targets) {
      if (!target_wants(target, *post)) continue;
      out.push_back(delivery(target, *post, DeliveryEvent::published, now));
      note_target(result, target.name);
    }
  }
}

Announcement Announcer::full_pass(const Catalog& catalog, const AnnounceTime& now, Outbox& outbox) {
  Announcement result;
  std::vector<const Post*> published = catalog.published(now.publish_by);
  std::sort(published.begin(), published.end(), oldest_first);
  std::vector<OutboxPost> records;
  std::vector<const Post*> fresh;
  bool baseline = !outbox.has_baseline();
  if (baseline) {
    const DeliveryConfig& delivery = config_.delivery;
    for (const Post* post : published) {
      bool before_cutoff = delivery.first_start == FirstStartPolicy::kPresent ||
                           (delivery.cutoff && post->date < *delivery.cutoff);
      if (before_cutoff) {
        records.push_back(record_of(*post));
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
    if (!result.status.ok()) return result;
    std::set<std::string> wanted(unseen.begin(), unseen.end());
    for (const Post* post : published) {
      if (wanted.count(post->id) != 0) fresh.push_back(post);
    }
  }
  std::vector<NewDelivery> deliveries;
  for (const Post* post : fresh) records.push_back(record_of(*post));
  announce(fresh, now.wall, deliveries, result);
  result.deliveries = deliveries.size();
  if (records.empty() && !baseline) return result;
  result.status = outbox.record(records, deliveries, baseline);
  if (result.status.ok() && baseline) {
    spdlog::info("first start: {} published post(s) recorded as already announced, {} to announce",
                 result.recorded, fresh.size());
  }
  return result;
}

Announcement Announcer::changes(const Catalog& catalog, const std::vector<PostEdit>& edits,
                                const AnnounceTime& now, Outbox& outbox) {
  Announcement result;
  std::vector<std::string> ids;
  for (const PostEdit& edit : edits) ids.push_back(edit.id);
  std::vector<std::string> unseen_ids;
  result.status = outbox.unseen(ids, &unseen_ids);
  if (!result.status.ok()) return result;
  std::set<std::string> unseen(unseen_ids.begin(), unseen_ids.end());

  std::vector<OutboxPost> records;
  std::vector<const Post*> fresh;
  std::vector<NewDelivery> deliveries;
  for (const PostEdit& edit : edits) {
    const Post* after = catalog.find(edit.id);
    bool seen = unseen.count(edit.id) == 0;
    if (after != nullptr && is_published(*after, now.publish_by)) {
      records.push_back(record_of(*after));
      if (!seen) {
        fresh.push_back(after);
        continue;
      }
      if (edit.before && is_published(*edit.before, now.publish_by) && post_content_differs(*edit.before, *after)) {
        for (const TargetConfig& target : config_.targets) {
          if (!target.post_updated || !target_wants(target, *after)) continue;
          deliveries.push_back(delivery(target, *after, DeliveryEvent::updated, now.wall));
          note_target(result, target.name);
        }
      }
      continue;
    }
    bool gone = after == nullptr || after->draft;
    if (gone && seen && edit.before && is_published(*edit.before, now.publish_by)) {
      for (const TargetConfig& target : config_.targets) {
        if (!target.post_deleted || !target_wants(target, *edit.before)) continue;
        deliveries.push_back(delivery(target, *edit.before, DeliveryEvent::deleted, now.wall));
        note_target(result, target.name);
      }
    }
  }
  std::sort(fresh.begin(), fresh.end(), oldest_first);
  announce(fresh, now.wall, deliveries, result);
  result.deliveries = deliveries.size();
  if (records.empty() && deliveries.empty()) return result;
  result.status = outbox.record(records, deliveries);
  return result;
}

}  // namespace herald
