// Claiming deliveries from the outbox in PostgreSQL (state.database), where
// several herald instances share one outbox: each due delivery is claimed
// by exactly one of them, with a lease naming the instance (lease_holder).
// PgOutbox::claim_many (pg_outbox.h) claims through it.
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
// An outcome is recorded only for the instance holding the lease
// (PgOutbox::finish): an instance whose lease expired and was taken over
// cannot overwrite the new holder's result.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/postgres/pg_connection.h"
#include "daemon/targets/delivery.h"
#include "feeds/status.h"

namespace herald {

// Which due deliveries a claim takes (outbox.cc, Pacing): any; a paced
// target's others (retries, probes, jump_queue, expired leases); or its
// first attempts, oldest or newest post first.
enum class PgClaimKind { any, not_first, first_oldest, first_newest };

struct PgClaimBy {
  std::string holder;  // the claiming instance (state.instance), kept as lease_holder
  PgClaimKind kind = PgClaimKind::any;
};

// Up to `limit` due deliveries of `target` at `now_ms`, in post order
// (post_date_ms, id), with their stored image variants; leased to
// `by.holder` until now_ms + lease_ms. Empty when none is due or every due
// one is being claimed by another instance right now.
Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db, const std::string& target, std::int64_t now_ms,
                                                  std::int64_t lease_ms, int limit, const PgClaimBy& by = {});

// claim_pg_deliveries(PgClaimKind::any) for several targets in one
// statement (one round trip): `wanted` holds (target, limit). The
// deliveries of each target in post order, targets in the given order.
Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db,
                                                  const std::vector<std::pair<std::string, int>>& wanted,
                                                  std::int64_t now_ms, std::int64_t lease_ms, const std::string& holder);

namespace pg_outbox_internal {
// Row `r` of `rows` read in outbox_impl.h's kDeliveryColumns order.
Delivery read_delivery(const PgRows& rows, int r);
// The image variants stored with `deliveries`, attached to them.
Status load_images(PgConnection& db, std::vector<Delivery>& deliveries);
}  // namespace pg_outbox_internal

}  // namespace herald
