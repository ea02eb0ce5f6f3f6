// WebSub publishing (https://www.w3.org/TR/websub/ section 8 and the
// PubSubHubbub "publish" ping every public hub accepts): after a feed file
// changes and the new file is in place, each hub in `feeds.hubs` is told
// `hub.mode=publish&hub.url=<the feed's URL>`, through the outbox like any
// other delivery (retries, backoff, `herald status`).
//
// Each hub is a delivery target of its own, made from the configuration
// (never announced posts to): named "websub-" + the hub's host, with
// type "websub" and url = the hub. A ping's delivery has the feed's URL as
// its post id (the topic) and as its payload. Pings coalesce: a topic that
// already has a ping waiting for its first attempt gets no second one.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/targets/delivery.h"
#include "daemon/targets/target_driver.h"

namespace herald {

// The hub targets of `config` (one per feeds.hubs entry, in order).
std::vector<TargetConfig> websub_targets(const Config& config);

// The topics (absolute feed URLs) of the output files in `touched`
// (relative to output.dir) that are feeds (named feeds.rss_file, atom_file
// or json_file); other files (the stylesheet) are left out.
std::vector<std::string> websub_topics(const Config& config, const std::vector<std::string>& touched);

// The request of a publish ping of `topic` to `hub`.
HttpRequest websub_publish_request(const std::string& hub, const std::string& topic);

std::unique_ptr<TargetDriver> make_websub_driver(const TargetConfig& target, const Config& config,
                                                 const DriverInputs& inputs);

}  // namespace herald
