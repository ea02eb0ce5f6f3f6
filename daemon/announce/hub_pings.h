// WebSub pings (targets/webhook/websub.h): each hub hears of every feed
// file a rebuild changed, once the new file is in place, through the outbox
// like any delivery. A topic that already has a ping waiting for its first
// attempt gets no second one: that ping covers the later change. Each ping
// carries the feed file's version (the hash of its bytes) as its change
// (NewDelivery::change), so instances sharing an outbox that rebuild the
// same feed alike ping the hubs once (pg_outbox.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/announce/announcer.h"
#include "daemon/outbox/outbox.h"

namespace herald {

struct HubPings {
  Status status;
  std::vector<std::string> hubs;  // the hub targets to wake (every hub when a feed changed)
};

// Records the pings of `touched` (output files, relative to output.dir) at
// `now_ms` in one transaction.
HubPings record_hub_pings(const Config& config, const std::vector<std::string>& touched,
                          Outbox& outbox, std::int64_t now_ms, const MessageIdSource& message_id);

}  // namespace herald
