// `herald approve` and `herald reject` (and the console's forms): an
// editor's decision on deliveries awaiting approval (targets/approval.h),
// named by delivery id, or by post (its id, file or URL as announced) and
// optionally target. Approving with a text of the editor's own checks it
// against each target's limit as its network counts it first: one text
// over any limit approves nothing. Each decision is recorded in the
// outbox's audit with `actor` and `now_ms`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/outbox.h"
#include "daemon/targets/delivery.h"
#include "feeds/status.h"

namespace herald {

struct EditorDecision {
  std::int64_t delivery_id = 0;     // 0: by post
  std::string post_ref;             // id, file or URL
  std::string target;               // by post: only this target (empty: any)
  std::optional<std::string> text;  // approve: the editor's text
  std::string actor;                // who decides (audit)
  std::int64_t now_ms = 0;
};

// The Result holds the deliveries decided now (their new state set), or
// the sentence for the editor: nothing matches ("post 1001 has no delivery
// awaiting approval"), a delivery decided already ("delivery 7 is pending,
// not awaiting approval"), a text that does not fit or cannot be edited,
// a target not configured.
Result<std::vector<Delivery>> approve_deliveries(Outbox& outbox, const Config& config,
                                                 const EditorDecision& decision);
Result<std::vector<Delivery>> reject_deliveries(Outbox& outbox, const EditorDecision& decision);

}  // namespace herald
