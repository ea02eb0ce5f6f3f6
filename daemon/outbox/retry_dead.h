// `herald retry`: dead deliveries become pending again, due now, their
// attempts reset (Outbox::requeue_dead), once whatever killed them is fixed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/outbox/outbox.h"
#include "feeds/status.h"

namespace herald {

// Requeues the dead deliveries of `target` (empty: every target) about the
// post `post_ref` names (its id, file or URL as announced; empty: every
// post) at `now_ms`, recorded in the audit as asked by `actor` when any
// were. The Result holds how many, or, when `post_ref` names no announced
// post, the sentence saying so.
Result<std::int64_t> retry_dead(Outbox& outbox, const std::string& target,
                                const std::string& post_ref, std::int64_t now_ms,
                                const std::string& actor = "cli");

}  // namespace herald
