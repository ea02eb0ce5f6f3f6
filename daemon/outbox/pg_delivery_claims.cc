#include "daemon/outbox/pg_delivery_claims.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include <boost/json.hpp>

#include "daemon/outbox/outbox_impl.h"

namespace herald {
namespace {

using outbox_internal::kDeliveryColumns;

// "Now" for leases in SQL: the server's clock, or the instance's ($2).
std::string lease_now(PgLeaseClock clock) {
  return clock == PgLeaseClock::database ? kPgDatabaseNowMs : "$2::bigint";
}

// The due deliveries of each kind (PgClaimKind), as a WHERE condition: a
// pending one whose time came at the instance's now ($2), or a lease that
// expired by `clock`.
std::string due_condition(PgClaimKind kind, PgLeaseClock clock) {
  const std::string expired = "(state = 'in_flight' AND lease_until_ms <= " + lease_now(clock) + ")";
  const char* first = "attempts = 0 AND last_error = '' AND jump_queue = 0";
  switch (kind) {
    case PgClaimKind::any:
      return "((state = 'pending' AND not_before_ms <= $2) OR " + expired + ")";
    case PgClaimKind::not_first:
      return std::string("((state = 'pending' AND not_before_ms <= $2 AND NOT (") + first + ")) OR " + expired + ")";
    case PgClaimKind::first_oldest:
    case PgClaimKind::first_newest:
      break;
  }
  return std::string("(state = 'pending' AND not_before_ms <= $2 AND ") + first + ")";
}

// $3 is the lease's length.
std::string claim_sql(PgClaimKind kind, PgLeaseClock clock) {
  const char* order = kind == PgClaimKind::first_newest ? "post_date_ms DESC, id DESC" : "post_date_ms, id";
  return "WITH due AS (SELECT id FROM deliveries WHERE target = $1 AND " + due_condition(kind, clock) +
         " ORDER BY " + order + " LIMIT $4 FOR UPDATE SKIP LOCKED)"
         " UPDATE deliveries SET state = 'in_flight', lease_until_ms = " + lease_now(clock) +
         " + $3::bigint, attempts = attempts + 1,"
         " lease_holder = $5 WHERE id IN (SELECT id FROM due) RETURNING " + kDeliveryColumns;
}

// The same for several targets at once: each target's due rows through a
// LATERAL subquery with its own limit.
std::string claim_many_sql(PgLeaseClock clock) {
  return "WITH wanted AS (SELECT * FROM json_to_recordset($1::json) AS w(target text, lim bigint)),"
         " due AS (SELECT d.id FROM wanted CROSS JOIN LATERAL (SELECT id FROM deliveries"
         "   WHERE target = wanted.target AND " + due_condition(PgClaimKind::any, clock) +
         "   ORDER BY post_date_ms, id LIMIT wanted.lim FOR UPDATE SKIP LOCKED) d)"
         " UPDATE deliveries SET state = 'in_flight', lease_until_ms = " + lease_now(clock) +
         " + $3::bigint, attempts = attempts + 1,"
         " lease_holder = $4 WHERE id IN (SELECT id FROM due) RETURNING " + kDeliveryColumns;
}

// Rows of deliveries, in post order; with their images.
Result<std::vector<Delivery>> claimed_from(PgConnection& db, const PgRows& rows);

}  // namespace

namespace pg_outbox_internal {

// Row `r` of `rows`, in kDeliveryColumns order (outbox_impl.h).
Delivery read_delivery(const PgRows& rows, int r) {
  Delivery d;
  d.id = rows.integer(r, 0);
  d.post_id = rows.text(r, 1);
  d.target = rows.text(r, 2);
  d.event = rows.text(r, 3);
  d.message_id = rows.text(r, 4);
  d.payload = rows.bytes(r, 5);
  d.check_url = rows.text(r, 6);
  d.state = parse_delivery_state(rows.text(r, 7)).value_or(DeliveryState::pending);
  d.attempts = static_cast<int>(rows.integer(r, 8));
  d.created_ms = rows.integer(r, 9);
  d.post_date_ms = rows.integer(r, 10);
  d.not_before_ms = rows.integer(r, 11);
  d.lease_until_ms = rows.integer(r, 12);
  d.finished_ms = rows.integer(r, 13);
  d.last_status = static_cast<int>(rows.integer(r, 14));
  d.last_error = rows.text(r, 15);
  d.remote_id = rows.text(r, 16);
  d.remote_url = rows.text(r, 17);
  d.jump_queue = rows.integer(r, 18) != 0;
  d.approval_deadline_ms = rows.integer(r, 19);
  d.resent_by = rows.text(r, 20);
  d.sent_by = rows.text(r, 21);
  return d;
}

// The image variants stored with `deliveries`, attached to them.
Status load_images(PgConnection& db, std::vector<Delivery>& deliveries) {
  std::string ids = "{";
  std::unordered_map<std::int64_t, Delivery*> by_id;
  for (Delivery& d : deliveries) {
    ids += (by_id.empty() ? "" : ",") + std::to_string(d.id);
    by_id[d.id] = &d;
  }
  PgRows rows;
  PgStatus s = db.exec("SELECT delivery_id, media_type, bytes, width, height, alt, note, url FROM delivery_images"
                       " WHERE delivery_id = ANY($1::bigint[])",
                       PgParams().text(ids + "}"), &rows);
  if (!s.ok()) return s.as_status();
  for (int r = 0; r < rows.rows(); ++r) {
    by_id[rows.integer(r, 0)]->image =
        DeliveryImage{std::string(rows.text(r, 1)), rows.bytes(r, 2), static_cast<int>(rows.integer(r, 3)),
                      static_cast<int>(rows.integer(r, 4)), std::string(rows.text(r, 5)),
                      std::string(rows.text(r, 6)), std::string(rows.text(r, 7))};
  }
  return {};
}

}  // namespace pg_outbox_internal

using pg_outbox_internal::load_images;
using pg_outbox_internal::read_delivery;

Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db, const std::string& target, std::int64_t now_ms,
                                                  std::int64_t lease_ms, int limit, const PgClaimBy& by) {
  if (limit <= 0) return std::vector<Delivery>{};
  PgRows rows;
  PgStatus s = db.exec(claim_sql(by.kind, by.clock),
                       PgParams().text(target).integer(now_ms).integer(lease_ms).integer(limit).text(by.holder),
                       &rows);
  if (!s.ok()) return s.as_status();
  return claimed_from(db, rows);
}

Result<std::vector<Delivery>> claim_pg_deliveries(PgConnection& db,
                                                  const std::vector<std::pair<std::string, int>>& wanted,
                                                  std::int64_t now_ms, std::int64_t lease_ms, const std::string& holder,
                                                  PgLeaseClock clock) {
  boost::json::array targets;
  for (const auto& [target, limit] : wanted) {
    if (limit > 0) targets.push_back(boost::json::object{{"target", target}, {"lim", limit}});
  }
  if (targets.empty()) return std::vector<Delivery>{};
  PgRows rows;
  PgStatus s = db.exec(claim_many_sql(clock),
                       PgParams().text(boost::json::serialize(targets)).integer(now_ms).integer(lease_ms).text(holder),
                       &rows);
  if (!s.ok()) return s.as_status();
  Result<std::vector<Delivery>> claimed = claimed_from(db, rows);
  if (!claimed.ok()) return claimed;
  // Targets in the order asked (claimed_from left each in post order).
  std::map<std::string, std::size_t> rank;
  for (const auto& [target, limit] : wanted) rank.emplace(target, rank.size());
  std::stable_sort(claimed->begin(), claimed->end(),
                   [&](const Delivery& a, const Delivery& b) { return rank[a.target] < rank[b.target]; });
  return claimed;
}

namespace {

Result<std::vector<Delivery>> claimed_from(PgConnection& db, const PgRows& rows) {
  std::vector<Delivery> claimed;
  for (int r = 0; r < rows.rows(); ++r) claimed.push_back(read_delivery(rows, r));
  // RETURNING keeps no order: post order, as Outbox::claim gives.
  std::sort(claimed.begin(), claimed.end(), [](const Delivery& a, const Delivery& b) {
    return std::tie(a.post_date_ms, a.id) < std::tie(b.post_date_ms, b.id);
  });
  if (claimed.empty()) return claimed;
  // Claimed but not returned on a failure here: their leases expire and
  // another claim takes them, as after a crash.
  if (Status images = load_images(db, claimed); !images.ok()) return images;
  return claimed;
}

}  // namespace

}  // namespace herald
