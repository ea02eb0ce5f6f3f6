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
// flight for the lease with attempts + 1, as Outbox::claim does. A
// delivery whose lease expired is claimed again with the same message_id,
// which is what lets a receiver drop the repeat.
//
// Leases are timed by the database's clock (PgLeaseClock::database): the
// lease's end is the statement's time on the server plus the lease, and a
// lease has expired when the server's time has passed it, so a step of one
// machine's clock (or a machine whose clock is off) moves no lease, neither
// its own nor another instance's. Whether a pending delivery is due
// (not_before_ms, a retry's time) is still judged at the instance's `now_ms`.
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

// Whose clock times a lease: the database's (herald run), or the claiming
// instance's `now_ms` (tests that drive time, as the SQLite outbox does).
enum class PgLeaseClock { database, instance };

// The database's clock in SQL, in milliseconds since the epoch: the
// statement's start on the server (one instant for the whole statement).
inline constexpr const char* kPgDatabaseNowMs = "(extract(epoch from statement_timestamp()) * 1000)::bigint";

struct PgClaimBy {
  std::string holder;  // the claiming instance (state.instance), kept as lease_holder
  PgClaimKind kind = PgClaimKind::any;
  PgLeaseClock clock = PgLeaseClock::database;
};

// Up to `limit` due deliveries of `target` at `now_ms`, in post order
// (post_date_ms, id), with their stored image variants; leased to
// `by.holder` for `lease_ms` by `by.clock`. Empty when none is due or every
// due one is being claimed by another instance right now.
Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db, const std::string& target, std::int64_t now_ms,
                                                  std::int64_t lease_ms, int limit, const PgClaimBy& by = {});

// claim_pg_deliveries(PgClaimKind::any) for several targets in one
// statement (one round trip): `wanted` holds (target, limit). The
// deliveries of each target in post order, targets in the given order.
Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db,
                                                  const std::vector<std::pair<std::string, int>>& wanted,
                                                  std::int64_t now_ms, std::int64_t lease_ms, const std::string& holder,
                                                  PgLeaseClock clock = PgLeaseClock::database);

namespace pg_outbox_internal {
// Row `r` of `rows` read in outbox_impl.h's kDeliveryColumns order.
Delivery read_delivery(const PgRows& rows, int r);
// The image variants stored with `deliveries`, attached to them.
Status load_images(PgConnection& db, std::vector<Delivery>& deliveries);
}  // namespace pg_outbox_internal

}  // namespace herald
