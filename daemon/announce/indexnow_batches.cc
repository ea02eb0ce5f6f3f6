#include "daemon/announce/indexnow_batches.h"

#include <algorithm>
#include <chrono>

#include "config/delivery_event.h"
#include "daemon/targets/indexnow/indexnow_batch.h"
#include "daemon/targets/target_filter.h"
#include "feeds/entry_builder.h"

namespace herald {
namespace {

const TargetConfig* find_target(const Config& config, const std::string& name) {
  for (const TargetConfig& target : config.targets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

NewDelivery batch_delivery(const TargetConfig& target, const std::vector<std::string>& urls, std::int64_t now_ms,
                           const std::function<std::string()>& message_id) {
  NewDelivery batch;
  batch.post_id = urls.front();
  batch.target = target.name;
  batch.event = delivery_event_name(DeliveryEvent::indexnow_submit);
  batch.message_id = message_id();
  batch.payload = indexnow_batch_payload(urls);
  batch.post_date_ms = now_ms;
  batch.not_before_ms = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(target.delay).count();
  return batch;
}

// `urls` into `target`'s deliveries: the first batch merged into the
// waiting one when they fit together, then batches of at most `batch`.
void add_batches(const TargetConfig& target, std::vector<std::string> urls, Outbox& outbox, std::int64_t now_ms,
                 const std::function<std::string()>& message_id, std::vector<NewDelivery>& out) {
  const std::size_t limit = static_cast<std::size_t>(std::max(1, target.as<IndexNowSettings>().batch));
  const std::string event = delivery_event_name(DeliveryEvent::indexnow_submit);
  if (auto waiting = outbox.unattempted_of(target.name, event)) {
    Result<std::vector<std::string>> held = indexnow_batch_urls(waiting->second);
    if (held.ok()) {
      std::vector<std::string> merged = merge_batch_urls(*held, urls);
      if (merged.size() <= limit) {
        NewDelivery batch = batch_delivery(target, merged, now_ms, message_id);
        batch.replaces = waiting->first;
        out.push_back(std::move(batch));
        return;
      }
    }
  }
  for (std::size_t at = 0; at < urls.size(); at += limit) {
    std::size_t end = std::min(urls.size(), at + limit);
    std::vector<std::string> part(urls.begin() + static_cast<std::ptrdiff_t>(at),
                                  urls.begin() + static_cast<std::ptrdiff_t>(end));
    out.push_back(batch_delivery(target, part, now_ms, message_id));
  }
}

}  // namespace

void note_indexnow_url(const Config& config, const Post& post, IndexNowUrls& urls) {
  for (const TargetConfig& target : config.targets) {
    if (target.type != TargetType::indexnow || !target_wants(target, post)) continue;
    std::string url = post_url(post, config.site.url, config.content.rules.permalink);
    std::vector<std::string>& list = urls[target.name];
    if (std::find(list.begin(), list.end(), url) == list.end()) list.push_back(std::move(url));
  }
}

std::vector<NewDelivery> indexnow_deliveries(const Config& config, const IndexNowUrls& urls, Outbox& outbox,
                                             std::int64_t now_ms, const std::function<std::string()>& message_id) {
  std::vector<NewDelivery> deliveries;
  for (const auto& [name, list] : urls) {
    const TargetConfig* target = find_target(config, name);
    if (target != nullptr && !list.empty()) add_batches(*target, list, outbox, now_ms, message_id, deliveries);
  }
  return deliveries;
}

}  // namespace herald
