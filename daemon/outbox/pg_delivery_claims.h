// Claiming deliveries from the outbox in PostgreSQL (state.database), where
// several herald instances share one outbox: each due delivery is claimed
// by exactly one of them, with a lease. Not wired to `herald run` yet (it
// refuses state.database); the SQLite outbox's claim() is the one in use.
//
// A claim is one statement, so one transaction: it picks the target's due
// deliveries in post order (pending with not_before passed, or in flight
// with an expired lease: its instance died or hung) FOR UPDATE SKIP LOCKED,
// so instances claiming at the same moment pass over each other's rows
// instead of waiting for them or taking them twice, and marks them in
// flight until now + lease with attempts + 1, as Outbox::claim does. A
// delivery whose lease expired is claimed again with the same message_id,
// which is what lets a receiver drop the repeat.
//
// Left for the next step (docs/operations.md): an outcome must come from the
// instance holding the lease; until the schema records the holder, the
// lease end a claim returns (Delivery::lease_until_ms) is what fences a
// late outcome of an earlier holder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/postgres/pg_connection.h"
#include "daemon/targets/delivery.h"
#include "feeds/status.h"

namespace herald {

// Up to `limit` due deliveries of `target` at `now_ms`, in post order
// (post_date_ms, id), with their stored image variants; leased until
// now_ms + lease_ms. Empty when none is due or every due one is being
// claimed by another instance right now.
Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db, const std::string& target, std::int64_t now_ms,
                                                  std::int64_t lease_ms, int limit);

}  // namespace herald
