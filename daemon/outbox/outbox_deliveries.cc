#include <algorithm>

#include "daemon/outbox/outbox_impl.h"
#include "daemon/outbox/outbox_tables.h"

// The delivery engine's and the editors' side of the Outbox (outbox.h); the
// statements, and why they are written so, are in outbox.cc.

namespace herald {
using namespace outbox_internal;

// --- the delivery engine ------------------------------------------------------

std::int64_t SqliteOutbox::Impl::update_counting(SqliteStatement& update) {
  SqliteTransaction txn(db);
  SqliteStatus s = txn.begin();
  std::int64_t n = s.ok() ? count_rows(update, &s) : 0;
  if (s.ok()) s = txn.commit();
  return s.ok() ? n : 0;
}

std::int64_t SqliteOutbox::recover_in_flight(std::int64_t now_ms) {
  SqliteStatement update;
  if (!impl_->db.prepare("UPDATE deliveries SET state = 'pending', lease_until_ms = 0,"
                         " not_before_ms = min(not_before_ms, ?1) WHERE state = 'in_flight' RETURNING id",
                         &update).ok()) {
    return 0;
  }
  update.bind(1, now_ms);
  return impl_->update_counting(update);
}

Status SqliteOutbox::claim(const std::string& target, std::int64_t now_ms, std::int64_t lease_ms,
                           int limit, std::vector<Delivery>* out) {
  return claim_many(std::vector<ClaimRequest>{ClaimRequest{target, limit}}, now_ms, lease_ms, out);
}

SqliteStatus SqliteOutbox::Impl::claim_with(SqliteStatement& stmt, const std::string& target, std::int64_t now_ms,
                                      std::int64_t lease_ms, int limit, std::vector<Delivery>* out) {
  if (limit <= 0) return {};
  std::size_t first = out->size();
  stmt.bind(1, target).bind(2, now_ms).bind(3, now_ms + lease_ms).bind(4, std::int64_t{limit});
  while (stmt.step()) out->push_back(read_delivery(stmt));
  SqliteStatus s = stmt.status();
  stmt.reset();
  if (s.ok()) s = load_images(*out, first);
  // RETURNING yields rows in no particular order.
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
            [](const Delivery& a, const Delivery& b) {
              return a.post_date_ms != b.post_date_ms ? a.post_date_ms < b.post_date_ms : a.id < b.id;
            });
  return s;
}

Status SqliteOutbox::claim_many(const std::vector<ClaimRequest>& requests, std::int64_t now_ms,
                          std::int64_t lease_ms, std::vector<Delivery>* out) {
  out->clear();
  bool any = std::any_of(requests.begin(), requests.end(), [](const auto& r) { return r.limit > 0; });
  if (!any) return {};
  Impl& m = *impl_;
  SqliteTransaction txn(m.db);
  SqliteStatus s = txn.begin();
  for (const ClaimRequest& r : requests) {
    if (!s.ok()) break;
    if (r.first_limit < 0) {
      s = m.claim_with(m.claim, r.target, now_ms, lease_ms, r.limit, out);
      continue;
    }
    std::size_t before = out->size();
    s = m.claim_with(m.claim_unpaced, r.target, now_ms, lease_ms, r.limit, out);
    int room = r.limit - static_cast<int>(out->size() - before);
    SqliteStatement& fresh = r.newest_first ? m.claim_fresh_newest : m.claim_fresh;
    if (s.ok()) s = m.claim_with(fresh, r.target, now_ms, lease_ms, std::min(room, r.first_limit), out);
  }
  if (s.ok()) s = txn.commit();
  if (!s.ok()) {
    out->clear();
    return to_outbox(s);
  }
  return {};
}

SqliteStatus SqliteOutbox::Impl::finish_one(const DeliveryOutcome& o) {
  switch (o.kind) {
    case DeliveryOutcome::Kind::sent: {
      SqliteStatus s = finish_sent.bind(1, o.id).bind(2, o.at_ms).bind(3, std::int64_t{o.http_status})
          .bind(4, o.remote_id).bind(5, o.remote_url).bind(6, o.error).run();
      return s.ok() ? drop_sent(o.id) : s;
    }
    case DeliveryOutcome::Kind::retry:
      return finish_retry.bind(1, o.id).bind(2, o.retry_at_ms).bind(3, std::int64_t{o.http_status})
          .bind(4, o.error).bind(5, o.at_ms).run();
    case DeliveryOutcome::Kind::dead:
      return finish_dead.bind(1, o.id).bind(2, o.at_ms).bind(3, std::int64_t{o.http_status})
          .bind(4, o.error).run();
    case DeliveryOutcome::Kind::url_pending:
      break;
  }
  return finish_url_pending.bind(1, o.id).bind(2, o.retry_at_ms).bind(3, std::int64_t{o.http_status})
      .bind(4, o.error).run();
}

Status SqliteOutbox::finish(const std::vector<DeliveryOutcome>& outcomes) {
  if (outcomes.empty()) return {};
  SqliteTransaction txn(impl_->db);
  SqliteStatus s = txn.begin();
  for (const DeliveryOutcome& o : outcomes) {
    if (!s.ok()) break;
    s = impl_->finish_one(o);
  }
  if (s.ok()) s = txn.commit();
  return to_outbox(s);
}

bool SqliteOutbox::has_unattempted(const std::string& target, const std::string& post_id) {
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT 1 FROM deliveries WHERE post_id = ?1 AND target = ?2"
                         " AND state = 'pending' AND attempts = 0 LIMIT 1", &stmt).ok()) {
    return false;
  }
  stmt.bind(1, post_id).bind(2, target);
  return stmt.step();
}

std::optional<std::pair<std::int64_t, std::string>> SqliteOutbox::unattempted_of(const std::string& target,
                                                                           const std::string& event) {
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT id, payload FROM deliveries WHERE target = ?1 AND event = ?2"
                         " AND state = 'pending' AND attempts = 0 ORDER BY id DESC LIMIT 1", &stmt).ok()) {
    return std::nullopt;
  }
  stmt.bind(1, target).bind(2, event);
  if (!stmt.step()) return std::nullopt;
  return std::make_pair(stmt.column_int64(0), std::string(stmt.column_blob(1)));
}

std::optional<std::int64_t> SqliteOutbox::next_due(const std::string& target) {
  SqliteStatement stmt;
  const char* sql = target.empty()
                        ? "SELECT min(not_before_ms) FROM deliveries WHERE state = 'pending'"
                        : "SELECT min(not_before_ms) FROM deliveries WHERE target = ?1 AND state = 'pending'";
  if (!impl_->db.prepare(sql, &stmt).ok()) return std::nullopt;
  if (!target.empty()) stmt.bind(1, target);
  if (!stmt.step() || stmt.column_is_null(0)) return std::nullopt;
  return stmt.column_int64(0);
}

std::optional<std::int64_t> SqliteOutbox::next_due(const std::string& target, DueKind kind) {
  if (kind == DueKind::any) return next_due(target);
  const std::string sql =
      "SELECT min(not_before_ms) FROM deliveries WHERE target = ?1 AND state = 'pending' AND " +
      due_kind_condition(kind);
  SqliteStatement stmt;
  if (!impl_->db.prepare(sql, &stmt).ok()) return std::nullopt;
  stmt.bind(1, target);
  if (!stmt.step() || stmt.column_is_null(0)) return std::nullopt;
  return stmt.column_int64(0);
}

std::vector<std::pair<std::int64_t, std::int64_t>> SqliteOutbox::leases(const std::string& target) {
  std::vector<std::pair<std::int64_t, std::int64_t>> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT id, lease_until_ms FROM deliveries WHERE target = ?1"
                         " AND state = 'in_flight' ORDER BY id", &stmt).ok()) {
    return result;
  }
  stmt.bind(1, target);
  while (stmt.step()) result.emplace_back(stmt.column_int64(0), stmt.column_int64(1));
  return result;
}

Result<std::int64_t> SqliteOutbox::shift_waits(std::int64_t step_ms, std::int64_t before_ms, std::int64_t after_ms) {
  SqliteStatement pending, leased;
  // Creation times move with the waits, so a row is moved once for a step
  // even when another step back follows.
  SqliteStatus s = impl_->db.prepare(
      "UPDATE deliveries SET not_before_ms = not_before_ms + ?1, created_ms = created_ms + ?1"
      " WHERE state = 'pending' AND (attempts > 0 OR last_error != '' OR not_before_ms <= ?2"
      " OR (?1 < 0 AND created_ms > ?3)) RETURNING id", &pending);
  if (s.ok()) {
    s = impl_->db.prepare("UPDATE deliveries SET lease_until_ms = lease_until_ms + ?1,"
                          " created_ms = created_ms + ?1 WHERE state = 'in_flight' RETURNING id", &leased);
  }
  SqliteTransaction txn(impl_->db);
  if (s.ok()) s = txn.begin();
  std::int64_t moved = 0;
  if (s.ok()) moved += count_rows(pending.bind(1, step_ms).bind(2, before_ms).bind(3, after_ms), &s);
  if (s.ok()) moved += count_rows(leased.bind(1, step_ms), &s);
  if (s.ok()) s = txn.commit();
  if (!s.ok()) return to_outbox(s);
  return moved;
}

// --- editors ------------------------------------------------------------------

std::vector<TargetBacklog> SqliteOutbox::backlog() {
  std::vector<TargetBacklog> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT target, count(*), min(created_ms) FROM deliveries"
                         " WHERE state IN ('pending', 'in_flight') GROUP BY target ORDER BY target",
                         &stmt).ok()) {
    return result;
  }
  while (stmt.step()) {
    TargetBacklog& b = result.emplace_back();
    b.target = stmt.column_text(0);
    b.waiting = stmt.column_int64(1);
    b.oldest_created_ms = stmt.column_int64(2);
  }
  return result;
}

std::vector<TargetCounts> SqliteOutbox::counts() {
  std::vector<TargetCounts> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare(
          "SELECT target, sum(state = 'pending'), sum(state = 'in_flight'), sum(state = 'sent'),"
          " sum(state = 'dead'), min(CASE WHEN state = 'pending' THEN not_before_ms END),"
          " sum(state = 'pending' AND attempts = 0 AND last_error = '' AND jump_queue = 0),"
          " sum(state = 'awaiting_approval'), sum(state = 'rejected')"
          " FROM deliveries GROUP BY target ORDER BY target",
          &stmt).ok()) {
    return result;
  }
  while (stmt.step()) {
    TargetCounts& c = result.emplace_back();
    c.target = stmt.column_text(0);
    c.pending = stmt.column_int64(1);
    c.in_flight = stmt.column_int64(2);
    c.sent = stmt.column_int64(3);
    c.dead = stmt.column_int64(4);
    if (!stmt.column_is_null(5)) c.next_attempt_ms = stmt.column_int64(5);
    c.paced = stmt.column_int64(6);
    c.awaiting_approval = stmt.column_int64(7);
    c.rejected = stmt.column_int64(8);
  }
  std::map<std::string, TargetPace> paced = paces();
  for (TargetCounts& c : result) {
    auto pace = paced.find(c.target);
    if (pace == paced.end() || c.paced == 0) continue;
    c.scheduled_ms = pace->second.scheduled_ms;
    c.pace_reason = pace->second.reason;
  }
  // SQLite takes the bare columns from the row that holds the max().
  SqliteStatement errors;
  if (!impl_->db.prepare("SELECT target, last_error, max(last_error_ms) FROM deliveries"
                         " WHERE last_error_ms > 0 GROUP BY target ORDER BY target",
                         &errors).ok()) {
    return result;
  }
  auto c = result.begin();
  while (errors.step()) {
    while (c != result.end() && c->target < errors.column_text(0)) ++c;
    if (c == result.end()) break;
    if (c->target != errors.column_text(0)) continue;
    c->last_error = errors.column_text(1);
    c->last_error_ms = errors.column_int64(2);
  }
  return result;
}

std::vector<PostDeliveries> SqliteOutbox::list(const ListFilter& filter) {
  std::vector<PostDeliveries> result;
  const std::string state = filter.state ? delivery_state_name(*filter.state) : "";
  SqliteStatement posts;
  SqliteStatement deliveries;
  const bool all_posts = filter.target.empty() && state.empty();
  std::string sql = "SELECT id, title, url, source_path, date_ms FROM posts";
  if (!all_posts) {
    // From the matching deliveries (an index range), not from every post.
    sql += " WHERE id IN (SELECT post_id FROM deliveries WHERE ";
    if (!filter.target.empty()) sql += state.empty() ? "target = ?1" : "target = ?1 AND ";
    if (!state.empty()) sql += "state = ?2";
    sql += ")";
  }
  sql += " ORDER BY date_ms DESC, id DESC LIMIT ?3";
  if (!impl_->db.prepare(sql, &posts).ok() ||
      !impl_->db.prepare(std::string("SELECT ") + kDeliveryColumnsNoPayload +
                             " FROM deliveries WHERE post_id = ?1 AND (?2 = '' OR target = ?2) ORDER BY id",
                         &deliveries).ok()) {
    return result;
  }
  if (!all_posts) posts.bind(1, filter.target).bind(2, state);
  posts.bind(3, std::int64_t{filter.limit > 0 ? filter.limit : -1});
  while (posts.step()) {
    PostDeliveries& pd = result.emplace_back();
    pd.post = read_post(posts);
    deliveries.bind(1, pd.post.id).bind(2, filter.target);
    while (deliveries.step()) pd.deliveries.push_back(read_delivery(deliveries));
    deliveries.reset();
  }
  return result;
}

std::optional<PostDeliveries> SqliteOutbox::post_deliveries(const std::string& post_id) {
  std::optional<OutboxPost> post = impl_->first_post("id = ?1", post_id);
  if (!post) return std::nullopt;
  PostDeliveries pd{*post, {}};
  SqliteStatement deliveries;
  if (!impl_->db.prepare(std::string("SELECT ") + kDeliveryColumnsNoPayload +
                             " FROM deliveries WHERE post_id = ?1 ORDER BY id", &deliveries).ok()) {
    return pd;
  }
  deliveries.bind(1, post_id);
  while (deliveries.step()) pd.deliveries.push_back(read_delivery(deliveries));
  return pd;
}

std::int64_t SqliteOutbox::requeue_dead(const std::string& target, const std::string& post_id,
                                  std::int64_t now_ms) {
  SqliteStatement update;
  if (!impl_->db.prepare("UPDATE deliveries SET state = 'pending', not_before_ms = ?3, attempts = 0,"
                         " finished_ms = 0, lease_until_ms = 0 WHERE state = 'dead'"
                         " AND (?1 = '' OR target = ?1) AND (?2 = '' OR post_id = ?2) RETURNING id",
                         &update).ok()) {
    return 0;
  }
  update.bind(1, target).bind(2, post_id).bind(3, now_ms);
  return impl_->update_counting(update);
}

std::int64_t SqliteOutbox::stop_target(const std::string& target, const std::string& reason,
                                 std::int64_t now_ms) {
  SqliteStatement update;
  if (!impl_->db.prepare("UPDATE deliveries SET state = 'dead', finished_ms = ?2, last_error = ?3,"
                         " last_error_ms = ?2, lease_until_ms = 0 WHERE target = ?1 AND state = 'pending'"
                         " RETURNING id",
                         &update).ok()) {
    return 0;
  }
  update.bind(1, target).bind(2, now_ms).bind(3, reason);
  return impl_->update_counting(update);
}

}  // namespace herald
