#include "daemon/announce/hub_pings.h"

#include "config/delivery_event.h"
#include "daemon/targets/webhook/websub.h"

namespace herald {

HubPings record_hub_pings(const Config& config, const std::vector<std::string>& touched,
                          Outbox& outbox, std::int64_t now_ms, const MessageIdSource& message_id) {
  HubPings result;
  if (config.feeds.hubs.empty()) return result;
  std::vector<std::string> topics = websub_topics(config, touched);
  if (topics.empty()) return result;
  std::vector<TargetConfig> hubs = websub_targets(config);
  std::vector<NewDelivery> pings;
  for (const TargetConfig& hub : hubs) {
    for (const std::string& topic : topics) {
      if (outbox.has_unattempted(hub.name, topic)) continue;
      NewDelivery ping;
      ping.post_id = topic;
      ping.target = hub.name;
      ping.event = delivery_event_name(DeliveryEvent::websub_publish);
      ping.message_id = message_id();
      ping.payload = topic;
      ping.post_date_ms = now_ms;
      ping.not_before_ms = now_ms;
      pings.push_back(std::move(ping));
    }
  }
  if (!pings.empty()) result.status = outbox.record({}, pings);
  if (!result.status.ok()) return result;
  for (const TargetConfig& hub : hubs) result.hubs.push_back(hub.name);
  return result;
}

}  // namespace herald
