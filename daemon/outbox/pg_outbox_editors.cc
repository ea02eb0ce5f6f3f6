#include <algorithm>

#include "daemon/outbox/outbox_impl.h"
#include "daemon/outbox/pg_delivery_claims.h"
#include "daemon/outbox/pg_outbox_impl.h"

// The editors' side of the PostgreSQL outbox (pg_outbox.h): counts, lists,
// approval with its audit, pacing and the drivers' state; the same
// statements as the SQLite outbox's (outbox_deliveries.cc,
// outbox_approval.cc, outbox_pace.cc, outbox_target_state.cc) in
// PostgreSQL's dialect.

namespace herald {
using outbox_internal::kDeliveryColumns;
using outbox_internal::kDeliveryColumnsNoPayload;
namespace {

constexpr char kPaceColumns[] = "last_sent_ms, day, day_count, held_until_ms, scheduled_ms, reason";

TargetPace read_pace(const PgRows& rows, int r, int first) {
  TargetPace pace;
  pace.state.last_sent_ms = rows.integer(r, first);
  pace.state.day = rows.integer(r, first + 1);
  pace.state.day_count = static_cast<int>(rows.integer(r, first + 2));
  pace.state.held_until_ms = rows.integer(r, first + 3);
  pace.scheduled_ms = rows.integer(r, first + 4);
  pace.reason = rows.text(r, first + 5);
  return pace;
}

PgParams audit_params(const AuditEntry& e) {
  PgParams p;
  p.integer(e.at_ms).text(e.actor).text(e.action).text(e.post_id).text(e.target).integer(e.delivery_id).text(e.detail);
  return p;
}

constexpr char kInsertAudit[] =
    "INSERT INTO audit(at_ms, actor, action, post_id, target, delivery_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";

}  // namespace

std::vector<TargetBacklog> PgOutbox::backlog() {
  std::vector<TargetBacklog> result;
  PgRows rows;
  if (!exec("SELECT target, count(*), min(created_ms) FROM deliveries WHERE state IN ('pending', 'in_flight')"
            " GROUP BY target ORDER BY target COLLATE \"C\"", {}, &rows).ok()) {
    return result;
  }
  for (int r = 0; r < rows.rows(); ++r) {
    result.push_back(TargetBacklog{std::string(rows.text(r, 0)), rows.integer(r, 1), rows.integer(r, 2)});
  }
  return result;
}

std::vector<TargetCounts> PgOutbox::counts() {
  std::vector<TargetCounts> result;
  PgRows rows;
  if (!exec("SELECT target, count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'in_flight'),"
            " count(*) FILTER (WHERE state = 'sent'), count(*) FILTER (WHERE state = 'dead'),"
            " min(not_before_ms) FILTER (WHERE state = 'pending'),"
            " count(*) FILTER (WHERE state = 'pending' AND attempts = 0 AND last_error = '' AND jump_queue = 0),"
            " count(*) FILTER (WHERE state = 'awaiting_approval'), count(*) FILTER (WHERE state = 'rejected'),"
            " (SELECT e.last_error || chr(1) || e.last_error_ms FROM deliveries e WHERE e.target = d.target"
            "   AND e.last_error_ms > 0 ORDER BY e.last_error_ms DESC, e.id DESC LIMIT 1)"
            " FROM deliveries d GROUP BY target ORDER BY target COLLATE \"C\"", {}, &rows).ok()) {
    return result;
  }
  std::map<std::string, TargetPace> paced = paces();
  for (int r = 0; r < rows.rows(); ++r) {
    TargetCounts& c = result.emplace_back();
    c.target = rows.text(r, 0);
    c.pending = rows.integer(r, 1);
    c.in_flight = rows.integer(r, 2);
    c.sent = rows.integer(r, 3);
    c.dead = rows.integer(r, 4);
    if (!rows.is_null(r, 5)) c.next_attempt_ms = rows.integer(r, 5);
    c.paced = rows.integer(r, 6);
    c.awaiting_approval = rows.integer(r, 7);
    c.rejected = rows.integer(r, 8);
    if (!rows.is_null(r, 9)) {
      std::string_view error = rows.text(r, 9);
      std::size_t cut = error.rfind('\1');
      c.last_error = error.substr(0, cut);
      c.last_error_ms = std::stoll(std::string(error.substr(cut + 1)));
    }
    auto pace = paced.find(c.target);
    if (pace == paced.end() || c.paced == 0) continue;
    c.scheduled_ms = pace->second.scheduled_ms;
    c.pace_reason = pace->second.reason;
  }
  add_senders(result);
  return result;
}

void PgOutbox::add_senders(std::vector<TargetCounts>& counts) {
  PgRows rows;
  if (!exec("SELECT target, sent_by, count(*) FROM deliveries WHERE state = 'sent' AND sent_by <> ''"
            " GROUP BY target, sent_by", {}, &rows).ok()) {
    return;
  }
  for (int r = 0; r < rows.rows(); ++r) {
    auto c = std::find_if(counts.begin(), counts.end(), [&](const TargetCounts& t) { return t.target == rows.text(r, 0); });
    if (c != counts.end()) c->sent_by[std::string(rows.text(r, 1))] = rows.integer(r, 2);
  }
}

std::vector<PostDeliveries> PgOutbox::list(const ListFilter& filter) {
  std::vector<PostDeliveries> result;
  const std::string state = filter.state ? delivery_state_name(*filter.state) : "";
  std::string sql = "SELECT id, title, url, source_path, date_ms FROM posts";
  PgParams params;
  if (!filter.target.empty() || !state.empty()) {
    sql += " WHERE id IN (SELECT post_id FROM deliveries WHERE ($1 = '' OR target = $1) AND ($2 = '' OR state = $2))";
    params.text(filter.target).text(state);
  }
  sql += " ORDER BY date_ms DESC, id DESC";
  if (filter.limit > 0) sql += " LIMIT " + std::to_string(filter.limit);
  PgRows posts;
  if (!exec(sql, params, &posts).ok()) return result;
  for (int r = 0; r < posts.rows(); ++r) {
    PostDeliveries& pd = result.emplace_back();
    pd.post = OutboxPost{std::string(posts.text(r, 0)), std::string(posts.text(r, 1)), std::string(posts.text(r, 2)),
                         std::string(posts.text(r, 3)), posts.integer(r, 4)};
    pd.deliveries = read_deliveries(std::string("SELECT ") + kDeliveryColumnsNoPayload +
                                        " FROM deliveries WHERE post_id = $1 AND ($2 = '' OR target = $2) ORDER BY id",
                                    PgParams().text(pd.post.id).text(filter.target));
  }
  return result;
}

std::optional<PostDeliveries> PgOutbox::post_deliveries(const std::string& post_id) {
  std::optional<OutboxPost> post = first_post("id = $1", PgParams().text(post_id));
  if (!post) return std::nullopt;
  return PostDeliveries{*post, read_deliveries(std::string("SELECT ") + kDeliveryColumnsNoPayload +
                                                   " FROM deliveries WHERE post_id = $1 ORDER BY id",
                                               PgParams().text(post_id))};
}

// --- approval ------------------------------------------------------------------

std::optional<Delivery> PgOutbox::delivery(std::int64_t id) {
  std::vector<Delivery> found =
      read_deliveries(std::string("SELECT ") + kDeliveryColumns + " FROM deliveries WHERE id = $1", PgParams().integer(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Delivery> PgOutbox::awaiting_approval(const std::string& post_id, const std::string& target) {
  return read_deliveries(std::string("SELECT ") + kDeliveryColumns +
                             " FROM deliveries WHERE post_id = $1 AND ($2 = '' OR target = $2)"
                             " AND state = 'awaiting_approval' ORDER BY id",
                         PgParams().text(post_id).text(target));
}

Result<bool> PgOutbox::decide_once(const std::string& update, const PgParams& params, const AuditEntry& audit) {
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return Status::failed(why);
  PgTransaction txn(*c);
  PgStatus s = txn.begin();
  PgRows changed;
  if (s.ok()) s = exec(update, params, &changed);
  const bool decided = s.ok() && changed.affected() > 0;
  if (decided) s = exec(kInsertAudit, audit_params(audit));
  if (s.ok()) s = txn.commit();
  if (!s.ok()) return s.as_status();
  return decided;
}

Result<bool> PgOutbox::approve(std::int64_t id, const std::optional<std::string>& payload, const AuditEntry& audit) {
  return decide_once("UPDATE deliveries SET state = 'pending', payload = CASE WHEN $2::bigint <> 0 THEN $3 ELSE payload END,"
                     " approval_deadline_ms = 0 WHERE id = $1 AND state = 'awaiting_approval'",
                     PgParams().integer(id).integer(payload.has_value()).bytes(payload.value_or("")), audit);
}

Result<bool> PgOutbox::reject(std::int64_t id, const AuditEntry& audit) {
  return decide_once("UPDATE deliveries SET state = 'rejected', finished_ms = $2, last_error = $3,"
                     " approval_deadline_ms = 0 WHERE id = $1 AND state = 'awaiting_approval'",
                     PgParams().integer(id).integer(audit.at_ms).text("rejected by " + audit.actor), audit);
}

Result<Outbox::ExpiredApprovals> PgOutbox::expire_approvals(std::int64_t now_ms) {
  PgRows due;
  PgStatus s = exec("SELECT id, post_id, target, approve_on_timeout FROM deliveries WHERE state = 'awaiting_approval'"
                    " AND approval_deadline_ms > 0 AND approval_deadline_ms <= $1 ORDER BY id",
                    PgParams().integer(now_ms), &due);
  if (!s.ok()) return s.as_status();
  ExpiredApprovals result;
  for (int r = 0; r < due.rows(); ++r) {
    const std::int64_t id = due.integer(r, 0);
    const bool approves = due.integer(r, 3) != 0;
    AuditEntry entry{now_ms, "timeout", approves ? "approve" : "reject", std::string(due.text(r, 1)),
                     std::string(due.text(r, 2)), id, "nobody decided before the approval timeout"};
    Result<bool> decided = approves ? approve(id, std::nullopt, entry) : reject(id, entry);
    if (!decided.ok()) return decided.status();
    if (*decided) ++result.decided;
    if (*decided && approves) result.approved.push_back(entry.target);
  }
  std::sort(result.approved.begin(), result.approved.end());
  result.approved.erase(std::unique(result.approved.begin(), result.approved.end()), result.approved.end());
  return result;
}

Status PgOutbox::record_audit(const AuditEntry& entry) { return exec(kInsertAudit, audit_params(entry)).as_status(); }

std::vector<AuditEntry> PgOutbox::audit(const std::string& post_id, int limit) {
  std::vector<AuditEntry> result;
  PgRows rows;
  std::string sql = "SELECT at_ms, actor, action, post_id, target, delivery_id, detail FROM audit"
                    " WHERE ($1 = '' OR post_id = $1) ORDER BY id DESC";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  if (!exec(sql, PgParams().text(post_id), &rows).ok()) return result;
  for (int r = 0; r < rows.rows(); ++r) {
    result.push_back(AuditEntry{rows.integer(r, 0), std::string(rows.text(r, 1)), std::string(rows.text(r, 2)),
                                std::string(rows.text(r, 3)), std::string(rows.text(r, 4)), rows.integer(r, 5),
                                std::string(rows.text(r, 6))});
  }
  return result;
}

// --- pacing and the drivers' state ----------------------------------------------

Result<TargetPace> PgOutbox::pace(const std::string& target) {
  PgRows rows;
  PgStatus s = exec(std::string("SELECT ") + kPaceColumns + " FROM pace_state WHERE target = $1",
                    PgParams().text(target), &rows);
  if (!s.ok()) return s.as_status();
  return rows.rows() > 0 ? read_pace(rows, 0, 0) : TargetPace{};
}

Status PgOutbox::save_pace(const std::string& target, const TargetPace& pace) {
  return exec(std::string("INSERT INTO pace_state(target, ") + kPaceColumns +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(target) DO UPDATE SET"
                  " last_sent_ms = excluded.last_sent_ms, day = excluded.day, day_count = excluded.day_count,"
                  " held_until_ms = excluded.held_until_ms, scheduled_ms = excluded.scheduled_ms,"
                  " reason = excluded.reason",
              PgParams().text(target).integer(pace.state.last_sent_ms).integer(pace.state.day)
                  .integer(pace.state.day_count).integer(pace.state.held_until_ms).integer(pace.scheduled_ms)
                  .text(pace.reason))
      .as_status();
}

std::map<std::string, TargetPace> PgOutbox::paces() {
  std::map<std::string, TargetPace> result;
  PgRows rows;
  if (!exec(std::string("SELECT target, ") + kPaceColumns + " FROM pace_state", {}, &rows).ok()) return result;
  for (int r = 0; r < rows.rows(); ++r) result.emplace(rows.text(r, 0), read_pace(rows, r, 1));
  return result;
}

Result<std::optional<std::string>> PgOutbox::target_state(const std::string& target) {
  PgRows rows;
  PgStatus s = exec("SELECT state FROM target_state WHERE target = $1", PgParams().text(target), &rows);
  if (!s.ok()) return s.as_status();
  if (rows.rows() == 0) return std::optional<std::string>{};
  return std::optional<std::string>{rows.bytes(0, 0)};
}

Status PgOutbox::save_target_state(const std::string& target, const std::string& state, std::int64_t now_ms) {
  return exec("INSERT INTO target_state(target, state, updated_ms) VALUES ($1, $2, $3)"
              " ON CONFLICT(target) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms",
              PgParams().text(target).bytes(state).integer(now_ms))
      .as_status();
}

Result<std::optional<std::string>> PgOutbox::delivery_progress(std::int64_t delivery_id) {
  PgRows rows;
  PgStatus s = exec("SELECT progress FROM delivery_progress WHERE delivery_id = $1", PgParams().integer(delivery_id),
                    &rows);
  if (!s.ok()) return s.as_status();
  if (rows.rows() == 0) return std::optional<std::string>{};
  return std::optional<std::string>{rows.bytes(0, 0)};
}

Status PgOutbox::save_delivery_progress(std::int64_t delivery_id, const std::string& progress, std::int64_t now_ms) {
  return exec("INSERT INTO delivery_progress(delivery_id, progress, updated_ms) VALUES ($1, $2, $3)"
              " ON CONFLICT(delivery_id) DO UPDATE SET progress = excluded.progress, updated_ms = excluded.updated_ms",
              PgParams().integer(delivery_id).bytes(progress).integer(now_ms))
      .as_status();
}

}  // namespace herald
