// IndexNow batches (targets/indexnow): every indexnow target hears of the
// URLs of the posts a change published, edited or deleted (an edit that
// moved a post: both URLs), each URL once per batch, through the outbox like
// any delivery. Per target: one indexnow.submit delivery of at most `batch`
// URLs (more: several), the first coalesced into the target's batch still
// waiting for its first attempt when the two fit in one. The announcer
// gives each batch the changes its URLs come from (NewDelivery::changes),
// so instances sharing an outbox submit each change once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/outbox.h"
#include "feeds/post.h"

namespace herald {

// The URLs of a change, by indexnow target name, in the order they changed.
using IndexNowUrls = std::map<std::string, std::vector<std::string>>;

// Notes `post`'s URL for every indexnow target of `config` whose filters
// want it, once per target.
void note_indexnow_url(const Config& config, const Post& post, IndexNowUrls& urls);

// The deliveries of `urls` at `now_ms` (due after each target's delay),
// coalesced with `outbox`'s unattempted batches (Outbox::unattempted_of).
// Call with the outbox held until they are recorded.
std::vector<NewDelivery> indexnow_deliveries(const Config& config, const IndexNowUrls& urls, Outbox& outbox,
                                             std::int64_t now_ms, const std::function<std::string()>& message_id);

}  // namespace herald
