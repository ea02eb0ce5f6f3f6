#include <algorithm>

#include "daemon/outbox/outbox_impl.h"
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

// Each target's claim is a statement of its own (its own transaction): a
// claim commits at once, so what one instance holds is never held longer
// than the statement by a transaction over several targets.
Status PgOutbox::claim_many(const std::vector<ClaimRequest>& requests, std::int64_t now_ms, std::int64_t lease_ms,
                            std::vector<Delivery>* out) {
  out->clear();
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return Status::failed(why);
  for (const ClaimRequest& r : requests) {
    auto take = [&](PgClaimKind kind, int limit) -> Status {
      Result<std::vector<Delivery>> got =
          claim_pg_deliveries(*c, r.target, now_ms, lease_ms, limit, PgClaimBy{options_.instance, kind});
      if (!got.ok()) return got.status();
      out->insert(out->end(), std::make_move_iterator(got->begin()), std::make_move_iterator(got->end()));
      return {};
    };
    Status s;
    if (r.first_limit < 0) {
      s = take(PgClaimKind::any, r.limit);
    } else {
      std::size_t before = out->size();
      s = take(PgClaimKind::not_first, r.limit);
      int room = r.limit - static_cast<int>(out->size() - before);
      if (s.ok()) s = take(r.newest_first ? PgClaimKind::first_newest : PgClaimKind::first_oldest,
                           std::min(room, r.first_limit));
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
  const std::string fence = " WHERE id = $1 AND state = 'in_flight' AND lease_holder = $2";
  for (const DeliveryOutcome& o : outcomes) {
    if (!s.ok()) break;
    PgParams p;
    p.integer(o.id).text(options_.instance);
    switch (o.kind) {
      case DeliveryOutcome::Kind::sent: {
        PgRows done;
        s = exec("UPDATE deliveries SET state = 'sent', finished_ms = $3, last_status = $4, remote_id = $5,"
                 " remote_url = $6, last_error = CASE WHEN $7 = '' THEN last_error ELSE $7 END, lease_until_ms = 0,"
                 " sent_by = $2" + fence,
                 p.integer(o.at_ms).integer(o.http_status).text(o.remote_id).text(o.remote_url).text(o.error), &done);
        if (s.ok() && done.affected() > 0) {
          s = exec("DELETE FROM delivery_images WHERE delivery_id = $1", PgParams().integer(o.id));
          if (s.ok()) s = exec("DELETE FROM delivery_progress WHERE delivery_id = $1", PgParams().integer(o.id));
        }
        break;
      }
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
  const char* first = "attempts = 0 AND last_error = '' AND jump_queue = 0";
  std::string sql = std::string("SELECT min(not_before_ms) FROM deliveries WHERE target = $1 AND state = 'pending'"
                                " AND ") + (kind == DueKind::first_attempts ? "" : "NOT ") + "(" + first + ")";
  PgRows rows;
  if (!exec(sql, PgParams().text(target), &rows).ok() || rows.rows() == 0 || rows.is_null(0, 0)) return std::nullopt;
  return rows.integer(0, 0);
}

std::vector<std::pair<std::int64_t, std::int64_t>> PgOutbox::leases(const std::string& target) {
  std::vector<std::pair<std::int64_t, std::int64_t>> result;
  PgRows rows;
  if (!exec("SELECT id, lease_until_ms FROM deliveries WHERE target = $1 AND state = 'in_flight' ORDER BY id",
            PgParams().text(target), &rows).ok()) {
    return result;
  }
  for (int r = 0; r < rows.rows(); ++r) result.emplace_back(rows.integer(r, 0), rows.integer(r, 1));
  return result;
}

// Only this instance's leases: the shared waits are the cluster's (pg_outbox.h).
Result<std::int64_t> PgOutbox::shift_waits(std::int64_t step_ms, std::int64_t, std::int64_t) {
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
