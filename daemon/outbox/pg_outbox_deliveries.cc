#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "daemon/base/wall_clock.h"
#include "daemon/outbox/outbox_impl.h"
#include "daemon/outbox/outbox_tables.h"
#include "daemon/outbox/pg_delivery_claims.h"
#include "daemon/outbox/pg_outbox_impl.h"

// The delivery engine's side of the PostgreSQL outbox (pg_outbox.h): claims
// with leases naming this instance, outcomes fenced on the lease.

namespace herald {
using outbox_internal::kDeliveryColumns;
using pg_outbox_internal::read_delivery;

std::int64_t PgOutbox::recover_in_flight(std::int64_t now_ms) {
  return exec_counting("UPDATE deliveries SET state = 'pending', lease_until_ms = 0, lease_holder = '',"
                       " not_before_ms = least(not_before_ms, $1) WHERE state = 'in_flight' AND lease_holder = $2",
                       PgParams().integer(now_ms).text(options_.instance));
}

Status PgOutbox::claim(const std::string& target, std::int64_t now_ms, std::int64_t lease_ms, int limit,
                       std::vector<Delivery>* out) {
  return claim_many(std::vector<ClaimRequest>{ClaimRequest{target, limit}}, now_ms, lease_ms, out);
}

// Every claim statement is its own transaction, committed at once: rows
// are locked no longer than the statement. The unpaced targets claim in
// one statement (one round trip for all of them).
Status PgOutbox::claim_many(const std::vector<ClaimRequest>& requests, std::int64_t now_ms, std::int64_t lease_ms,
                            std::vector<Delivery>* out) {
  out->clear();
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return Status::failed(why);
  // Unpaced targets in one statement; each paced one in two of its own.
  std::vector<std::pair<std::string, int>> unpaced;
  for (const ClaimRequest& r : requests) {
    if (r.first_limit < 0) unpaced.emplace_back(r.target, r.limit);
  }
  Result<std::vector<Delivery>> batch =
      claim_pg_deliveries(*c, unpaced, now_ms, lease_ms, options_.instance, options_.lease_clock);
  if (!batch.ok()) {
    exec("SELECT 1");  // a lost connection is closed, made again at the next call
    return batch.status();
  }
  std::map<std::string, std::vector<Delivery>> of_target;
  for (Delivery& d : *batch) of_target[d.target].push_back(std::move(d));
  for (const ClaimRequest& r : requests) {
    if (r.first_limit < 0) {
      auto got = of_target.find(r.target);
      if (got == of_target.end()) continue;
      out->insert(out->end(), std::make_move_iterator(got->second.begin()), std::make_move_iterator(got->second.end()));
      of_target.erase(got);
      continue;
    }
    auto take = [&](PgClaimKind kind, int limit) -> Status {
      Result<std::vector<Delivery>> got =
          claim_pg_deliveries(*c, r.target, now_ms, lease_ms, limit,
                              PgClaimBy{options_.instance, kind, options_.lease_clock});
      if (!got.ok()) return got.status();
      out->insert(out->end(), std::make_move_iterator(got->begin()), std::make_move_iterator(got->end()));
      return {};
    };
    std::size_t before = out->size();
    Status s = take(PgClaimKind::not_first, r.limit);
    int room = r.limit - static_cast<int>(out->size() - before);
    if (s.ok()) {
      s = take(r.newest_first ? PgClaimKind::first_newest : PgClaimKind::first_oldest, std::min(room, r.first_limit));
    }
    if (!s.ok()) {
      // What was claimed stays leased until the lease ends, as after a
      // crash. A probe tells a lost connection (closed, made again at the
      // next call) from a failed statement.
      exec("SELECT 1");
      return s;
    }
  }
  return {};
}

Status PgOutbox::finish(const std::vector<DeliveryOutcome>& outcomes) {
  if (outcomes.empty()) return {};
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return Status::failed(why);
  PgTransaction txn(*c);
  PgStatus s = txn.begin();
  if (s.ok()) s = finish_sent(outcomes);
  const std::string fence = " WHERE id = $1 AND state = 'in_flight' AND lease_holder = $2";
  for (const DeliveryOutcome& o : outcomes) {
    if (!s.ok()) break;
    PgParams p;
    p.integer(o.id).text(options_.instance);
    switch (o.kind) {
      case DeliveryOutcome::Kind::sent:
        break;  // finish_sent
      case DeliveryOutcome::Kind::retry:
        s = exec("UPDATE deliveries SET state = 'pending', not_before_ms = $3, last_status = $4, last_error = $5,"
                 " last_error_ms = $6, lease_until_ms = 0, lease_holder = ''" + fence,
                 p.integer(o.retry_at_ms).integer(o.http_status).text(o.error).integer(o.at_ms));
        break;
      case DeliveryOutcome::Kind::dead:
        s = exec("UPDATE deliveries SET state = 'dead', finished_ms = $3, last_status = $4, last_error = $5,"
                 " last_error_ms = $3, lease_until_ms = 0, lease_holder = ''" + fence,
                 p.integer(o.at_ms).integer(o.http_status).text(o.error));
        break;
      case DeliveryOutcome::Kind::url_pending:
        s = exec("UPDATE deliveries SET state = 'pending', not_before_ms = $3, attempts = greatest(attempts - 1, 0),"
                 " last_status = $4, last_error = $5, lease_until_ms = 0, lease_holder = ''" + fence,
                 p.integer(o.retry_at_ms).integer(o.http_status).text(o.error));
        break;
    }
  }
  if (s.ok()) s = txn.commit();
  return s.as_status();
}

// The sent outcomes, all in one statement: the deliveries this instance
// still holds become sent by it, and lose their image and progress.
PgStatus PgOutbox::finish_sent(const std::vector<DeliveryOutcome>& outcomes) {
  boost::json::array sent;
  for (const DeliveryOutcome& o : outcomes) {
    if (o.kind != DeliveryOutcome::Kind::sent) continue;
    sent.push_back(boost::json::object{{"id", o.id}, {"at_ms", o.at_ms}, {"status", o.http_status},
                                       {"remote_id", o.remote_id}, {"remote_url", o.remote_url}, {"note", o.error}});
  }
  if (sent.empty()) return {};
  return exec(
      "WITH o AS (SELECT * FROM json_to_recordset($1::json)"
      "   AS o(id bigint, at_ms bigint, status bigint, remote_id text, remote_url text, note text)),"
      " done AS (UPDATE deliveries d SET state = 'sent', finished_ms = o.at_ms, last_status = o.status,"
      "   remote_id = o.remote_id, remote_url = o.remote_url,"
      "   last_error = CASE WHEN o.note = '' THEN d.last_error ELSE o.note END, lease_until_ms = 0, sent_by = $2"
      "   FROM o WHERE d.id = o.id AND d.state = 'in_flight' AND d.lease_holder = $2 RETURNING d.id),"
      " images AS (DELETE FROM delivery_images WHERE delivery_id IN (SELECT id FROM done))"
      " DELETE FROM delivery_progress WHERE delivery_id IN (SELECT id FROM done)",
      PgParams().text(boost::json::serialize(sent)).text(options_.instance));
}

bool PgOutbox::has_unattempted(const std::string& target, const std::string& post_id) {
  PgRows rows;
  return exec("SELECT 1 FROM deliveries WHERE post_id = $1 AND target = $2 AND state = 'pending' AND attempts = 0"
              " LIMIT 1",
              PgParams().text(post_id).text(target), &rows).ok() &&
         rows.rows() > 0;
}

std::optional<std::pair<std::int64_t, std::string>> PgOutbox::unattempted_of(const std::string& target,
                                                                             const std::string& event) {
  PgRows rows;
  if (!exec("SELECT id, payload FROM deliveries WHERE target = $1 AND event = $2 AND state = 'pending'"
            " AND attempts = 0 ORDER BY id DESC LIMIT 1",
            PgParams().text(target).text(event), &rows).ok() ||
      rows.rows() == 0) {
    return std::nullopt;
  }
  return std::make_pair(rows.integer(0, 0), rows.bytes(0, 1));
}

std::optional<std::int64_t> PgOutbox::next_due(const std::string& target) {
  PgRows rows;
  PgStatus s = target.empty()
                   ? exec("SELECT min(not_before_ms) FROM deliveries WHERE state = 'pending'", {}, &rows)
                   : exec("SELECT min(not_before_ms) FROM deliveries WHERE target = $1 AND state = 'pending'",
                          PgParams().text(target), &rows);
  if (!s.ok() || rows.rows() == 0 || rows.is_null(0, 0)) return std::nullopt;
  return rows.integer(0, 0);
}

std::optional<std::int64_t> PgOutbox::next_due(const std::string& target, DueKind kind) {
  if (kind == DueKind::any) return next_due(target);
  const std::string sql =
      "SELECT min(not_before_ms) FROM deliveries WHERE target = $1 AND state = 'pending' AND " +
      due_kind_condition(kind);
  PgRows rows;
  if (!exec(sql, PgParams().text(target), &rows).ok() || rows.rows() == 0 || rows.is_null(0, 0)) return std::nullopt;
  return rows.integer(0, 0);
}

// By the database's clock, each lease's end as the time left added to this
// machine's clock (pg_outbox.h).
std::vector<std::pair<std::int64_t, std::int64_t>> PgOutbox::leases(const std::string& target) {
  std::vector<std::pair<std::int64_t, std::int64_t>> result;
  const bool database = options_.lease_clock == PgLeaseClock::database;
  const std::int64_t here = database ? wall_clock_ms() : 0;
  PgRows rows;
  if (!exec(std::string("SELECT id, lease_until_ms - ") + (database ? kPgDatabaseNowMs : "0") +
                " FROM deliveries WHERE target = $1 AND state = 'in_flight' ORDER BY id",
            PgParams().text(target), &rows).ok()) {
    return result;
  }
  for (int r = 0; r < rows.rows(); ++r) result.emplace_back(rows.integer(r, 0), here + rows.integer(r, 1));
  return result;
}

// Leases by the database's clock: a step of this machine's clock moves
// none; the shared waits are the cluster's (pg_outbox.h). By the
// instance's clock (tests), only this instance's leases move.
Result<std::int64_t> PgOutbox::shift_waits(std::int64_t step_ms, std::int64_t, std::int64_t) {
  if (options_.lease_clock == PgLeaseClock::database) return std::int64_t{0};
  PgRows rows;
  PgStatus s = exec("UPDATE deliveries SET lease_until_ms = lease_until_ms + $1"
                    " WHERE state = 'in_flight' AND lease_holder = $2",
                    PgParams().integer(step_ms).text(options_.instance), &rows);
  if (!s.ok()) return s.as_status();
  return rows.affected();
}

std::vector<Delivery> PgOutbox::read_deliveries(const std::string& sql, const PgParams& params) {
  std::vector<Delivery> result;
  PgRows rows;
  if (!exec(sql, params, &rows).ok()) return result;
  for (int r = 0; r < rows.rows(); ++r) result.push_back(read_delivery(rows, r));
  return result;
}

std::int64_t PgOutbox::stop_target(const std::string& target, const std::string& reason, std::int64_t now_ms) {
  return exec_counting("UPDATE deliveries SET state = 'dead', finished_ms = $2, last_error = $3, last_error_ms = $2,"
                       " lease_until_ms = 0 WHERE target = $1 AND state = 'pending'",
                       PgParams().text(target).integer(now_ms).text(reason));
}

std::int64_t PgOutbox::requeue_dead(const std::string& target, const std::string& post_id, std::int64_t now_ms) {
  return exec_counting("UPDATE deliveries SET state = 'pending', not_before_ms = $3, attempts = 0, finished_ms = 0,"
                       " lease_until_ms = 0 WHERE state = 'dead' AND ($1 = '' OR target = $1)"
                       " AND ($2 = '' OR post_id = $2)",
                       PgParams().text(target).text(post_id).integer(now_ms));
}

std::int64_t PgOutbox::skip_stale(const std::string& target, std::int64_t posted_before_ms,
                                  const std::string& reason, std::int64_t now_ms) {
  return exec_counting("UPDATE deliveries SET state = 'dead', finished_ms = $3, last_error = $4, last_error_ms = $3,"
                       " lease_until_ms = 0 WHERE target = $1 AND state = 'pending' AND event = 'post.published'"
                       " AND jump_queue = 0 AND post_date_ms < $2",
                       PgParams().text(target).integer(posted_before_ms).integer(now_ms).text(reason));
}

}  // namespace herald
