// `herald resend`: an editor asks for a published post to be announced
// again, on purpose. The post is named by its id, its file (relative to
// content.dir or absolute) or its public URL; the targets by name, or every
// configured target whose filters want the post. Each gets a new
// post.published delivery (new idempotency key, no delay, never held for
// approval: the editor's request is the approval; recorded with who asked,
// NewDelivery::resent_by, so `herald list` shows it as a resend), previewed
// through its driver so the editor sees exactly what will be sent. A dry
// run records nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/announce/announcer.h"
#include "daemon/outbox/outbox.h"
#include "daemon/targets/shown_request.h"
#include "daemon/targets/target_driver.h"
#include "feeds/catalog.h"
#include "feeds/status.h"

namespace herald {

// The driver of a configured target, or null when it cannot be driven.
using DriverLookup = std::function<TargetDriver*(const std::string& target)>;

struct ResendPlan {
  OutboxPost post;
  std::vector<NewDelivery> deliveries;  // one per target, in order
  std::vector<ShownRequest> requests;   // every request of every delivery, in order
  std::vector<std::string> targets;     // their names
};

// The resend of `post_ref` to `targets` (empty: every target that wants
// it) at `now`. The Result holds the plan, or a sentence for the editor when
// the post or a target is unknown, the post is not published, no target
// announces it, or a driver can make no request.
Result<ResendPlan> plan_resend(const std::string& post_ref, const std::vector<std::string>& targets,
                               const Config& config, const Catalog& catalog,
                               const Announcer& announcer, const DriverLookup& drivers,
                               Outbox& outbox, const Timestamp& now, std::int64_t now_ms);

// Records `plan`'s deliveries (each with its resent_by set) and one audit
// line per delivery ("resend", by its resent_by) at `now_ms`.
Status record_resend(Outbox& outbox, const ResendPlan& plan, std::int64_t now_ms);

}  // namespace herald
