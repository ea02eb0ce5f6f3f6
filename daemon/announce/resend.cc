#include "daemon/announce/resend.h"

#include <algorithm>

#include "config/delivery_event.h"
#include "daemon/targets/target_filter.h"

namespace herald {
namespace {

// The post `ref` names: its id, its file or its URL (as the outbox knows it).
const Post* find_post(const std::string& ref, const Config& config, const Catalog& catalog,
                      Outbox& outbox) {
  if (const Post* post = catalog.find(ref)) return post;
  std::string relative = ref;
  const std::string prefix = config.content.dir + "/";
  if (relative.rfind(prefix, 0) == 0) relative = relative.substr(prefix.size());
  if (const Post* post = catalog.find_by_path(relative)) return post;
  std::optional<OutboxPost> known = outbox.find_post(ref);
  return known ? catalog.find(known->id) : nullptr;
}

// The configured targets named, or every one that wants `post` (never
// none), or why not.
Result<std::vector<const TargetConfig*>> chosen_targets(const std::vector<std::string>& names,
                                                        const Config& config, const Post& post) {
  std::vector<const TargetConfig*> targets;
  for (const std::string& name : names) {
    auto found = std::find_if(config.targets.begin(), config.targets.end(),
                              [&](const TargetConfig& t) { return t.name == name; });
    if (found == config.targets.end()) return Status::failed("no target is named \"" + name + "\"");
    targets.push_back(&*found);
  }
  if (names.empty()) {
    for (const TargetConfig& target : config.targets) {
      if (target_wants(target, post)) targets.push_back(&target);
    }
  }
  if (targets.empty()) return Status::failed("no target announces post " + post.id);
  return targets;
}

// The delivery as its first attempt would see it.
Delivery first_attempt(const NewDelivery& delivery) {
  Delivery attempt;
  attempt.post_id = delivery.post_id;
  attempt.target = delivery.target;
  attempt.event = delivery.event;
  attempt.message_id = delivery.message_id;
  attempt.payload = delivery.payload;
  attempt.image = delivery.image;  // the variant the image step made (X, Instagram, Threads preview it)
  attempt.attempts = 1;
  return attempt;
}

}  // namespace

Result<ResendPlan> plan_resend(const std::string& post_ref, const std::vector<std::string>& targets,
                               const Config& config, const Catalog& catalog,
                               const Announcer& announcer, const DriverLookup& drivers,
                               Outbox& outbox, const Timestamp& now, std::int64_t now_ms) {
  const Post* post = find_post(post_ref, config, catalog, outbox);
  if (post == nullptr) {
    return Status::failed("no post matches \"" + post_ref +
                          "\": give its id (news_id), its file or its public URL");
  }
  if (post->draft || post->date > now) {
    return Status::failed("post " + post->id + " is not published (a draft or dated in the future)");
  }
  Result<std::vector<const TargetConfig*>> chosen = chosen_targets(targets, config, *post);
  if (!chosen.ok()) return chosen.status();
  ResendPlan plan;
  plan.post = announcer.record_of(*post);
  for (const TargetConfig* target : *chosen) {
    NewDelivery delivery = announcer.delivery(*target, *post, DeliveryEvent::published, now);
    delivery.not_before_ms = now_ms;  // on purpose: no delay
    delivery.awaiting_approval = false;  // an editor's request is its own approval
    delivery.approval_deadline_ms = 0;
    TargetDriver* driver = drivers(target->name);
    if (driver == nullptr) {
      return Status::failed(target->name +
                            ": the target cannot be driven (see the log of the last start or reload)");
    }
    Result<std::vector<ShownRequest>> shown = preview_requests(*driver, first_attempt(delivery), now_ms);
    if (!shown.ok()) return shown.status();
    plan.requests.insert(plan.requests.end(), shown->begin(), shown->end());
    plan.targets.push_back(target->name);
    plan.deliveries.push_back(std::move(delivery));
  }
  return plan;
}

Status record_resend(Outbox& outbox, const ResendPlan& plan, std::int64_t now_ms) {
  Status recorded = outbox.record({plan.post}, plan.deliveries);
  for (const NewDelivery& d : plan.deliveries) {
    if (!recorded.ok()) break;
    recorded = outbox.record_audit(AuditEntry{now_ms, d.resent_by, "resend", d.post_id, d.target, 0,
                                              d.jump_queue ? "now, not paced" : ""});
  }
  return recorded;
}

}  // namespace herald
