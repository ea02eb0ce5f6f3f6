#include "daemon/announce/hub_pings.h"

#include <cerrno>
#include <cstring>

#include "config/delivery_event.h"
#include "daemon/base/file_io.h"
#include "daemon/base/file_stamp.h"
#include "daemon/targets/webhook/websub.h"

namespace herald {
namespace {

// The version of the feed file `path` (relative to output.dir) as it is
// now: its bytes' hash; "gone" when it was deleted; "" when it cannot be
// read (pinged without deciding with the other instances).
std::string feed_signature(const Config& config, const std::string& path) {
  ReadResult read = read_whole_file(config.output.dir + "/" + path, config.output.max_bytes);
  if (read.status.ok()) return content_hash(read.bytes);
  return read.status.message == std::strerror(ENOENT) ? "gone" : "";
}

}  // namespace

HubPings record_hub_pings(const Config& config, const std::vector<std::string>& touched,
                          Outbox& outbox, std::int64_t now_ms, const MessageIdSource& message_id) {
  HubPings result;
  if (config.feeds.hubs.empty()) return result;
  std::vector<std::pair<std::string, std::string>> topics;  // topic, signature
  for (const std::string& path : touched) {
    for (std::string& topic : websub_topics(config, {path})) topics.emplace_back(topic, feed_signature(config, path));
  }
  if (topics.empty()) return result;
  std::vector<TargetConfig> hubs = websub_targets(config);
  std::vector<NewDelivery> pings;
  for (const TargetConfig& hub : hubs) {
    for (const auto& [topic, signature] : topics) {
      if (outbox.has_unattempted(hub.name, topic)) continue;
      NewDelivery ping;
      ping.post_id = topic;
      ping.target = hub.name;
      ping.event = delivery_event_name(DeliveryEvent::websub_publish);
      ping.message_id = message_id();
      ping.payload = topic;
      ping.post_date_ms = now_ms;
      ping.not_before_ms = now_ms;
      ping.change = signature;
      pings.push_back(std::move(ping));
    }
  }
  if (!pings.empty()) result.status = outbox.record({}, pings);
  if (!result.status.ok()) return result;
  for (const TargetConfig& hub : hubs) result.hubs.push_back(hub.name);
  return result;
}

}  // namespace herald
