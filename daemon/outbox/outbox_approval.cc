#include <algorithm>

#include "daemon/outbox/outbox_impl.h"

// Approval before posting (outbox.h, targets/approval.h). A delivery
// awaiting approval is never claimed: every claim reads state 'pending'.
// A decision applies only to a delivery still awaiting approval, in the
// transaction that records it in the audit, so two editors (or an editor
// and the deadline) deciding at once make one decision, and one approval
// makes one delivery.

namespace herald {
using namespace outbox_internal;
namespace {

SqliteStatus insert_audit(SqliteDb& db, const AuditEntry& e) {
  SqliteStatement stmt;
  SqliteStatus s = db.prepare("INSERT INTO audit(at_ms, actor, action, post_id, target, delivery_id, detail)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &stmt);
  if (s.ok()) {
    s = stmt.bind(1, e.at_ms).bind(2, e.actor).bind(3, e.action).bind(4, e.post_id).bind(5, e.target)
            .bind(6, e.delivery_id).bind(7, e.detail).run();
  }
  return s;
}

// Runs `decide` (an UPDATE ... RETURNING id of one awaiting delivery) and,
// when it changed the delivery, records `audit`; one transaction.
Result<bool> decide_once(SqliteDb& db, SqliteStatement& decide, const AuditEntry& audit) {
  SqliteTransaction txn(db);
  SqliteStatus s = txn.begin();
  std::int64_t changed = s.ok() ? count_rows(decide, &s) : 0;
  if (s.ok() && changed > 0) s = insert_audit(db, audit);
  if (s.ok()) s = txn.commit();
  if (!s.ok()) return to_outbox(s);
  return changed > 0;
}

}  // namespace

std::optional<Delivery> SqliteOutbox::delivery(std::int64_t id) {
  SqliteStatement stmt;
  if (!impl_->db.prepare(std::string("SELECT ") + kDeliveryColumns + " FROM deliveries WHERE id = ?1", &stmt).ok()) {
    return std::nullopt;
  }
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return read_delivery(stmt);
}

std::vector<Delivery> SqliteOutbox::awaiting_approval(const std::string& post_id, const std::string& target) {
  std::vector<Delivery> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare(std::string("SELECT ") + kDeliveryColumns +
                             " FROM deliveries WHERE post_id = ?1 AND (?2 = '' OR target = ?2)"
                             " AND state = 'awaiting_approval' ORDER BY id",
                         &stmt).ok()) {
    return result;
  }
  stmt.bind(1, post_id).bind(2, target);
  while (stmt.step()) result.push_back(read_delivery(stmt));
  return result;
}

Result<bool> SqliteOutbox::approve(std::int64_t id, const std::optional<std::string>& payload, const AuditEntry& audit) {
  SqliteStatement update;
  SqliteStatus s = impl_->db.prepare(
      "UPDATE deliveries SET state = 'pending', payload = CASE WHEN ?2 THEN ?3 ELSE payload END,"
      " approval_deadline_ms = 0 WHERE id = ?1 AND state = 'awaiting_approval' RETURNING id", &update);
  if (!s.ok()) return to_outbox(s);
  update.bind(1, id).bind(2, std::int64_t{payload.has_value()}).bind_blob(3, payload.value_or(""));
  return decide_once(impl_->db, update, audit);
}

Result<bool> SqliteOutbox::reject(std::int64_t id, const AuditEntry& audit) {
  SqliteStatement update;
  SqliteStatus s = impl_->db.prepare(
      "UPDATE deliveries SET state = 'rejected', finished_ms = ?2, last_error = ?3, approval_deadline_ms = 0"
      " WHERE id = ?1 AND state = 'awaiting_approval' RETURNING id", &update);
  if (!s.ok()) return to_outbox(s);
  update.bind(1, id).bind(2, audit.at_ms).bind(3, "rejected by " + audit.actor);
  return decide_once(impl_->db, update, audit);
}

Result<SqliteOutbox::ExpiredApprovals> SqliteOutbox::expire_approvals(std::int64_t now_ms) {
  SqliteStatement expired;
  SqliteStatus s = impl_->db.prepare(
      "SELECT id, post_id, target, approve_on_timeout FROM deliveries WHERE state = 'awaiting_approval'"
      " AND approval_deadline_ms > 0 AND approval_deadline_ms <= ?1 ORDER BY id", &expired);
  if (!s.ok()) return to_outbox(s);
  expired.bind(1, now_ms);
  struct Due { std::int64_t id; std::string post_id, target; bool approve; };
  std::vector<Due> due;
  while (expired.step()) {
    due.push_back(Due{expired.column_int64(0), std::string(expired.column_text(1)),
                      std::string(expired.column_text(2)), expired.column_int64(3) != 0});
  }
  if (!expired.status().ok()) return to_outbox(expired.status());
  ExpiredApprovals result;
  std::vector<std::string>& approved = result.approved;
  for (const Due& d : due) {
    AuditEntry entry{now_ms, "timeout", d.approve ? "approve" : "reject", d.post_id, d.target, d.id,
                     "nobody decided before the approval timeout"};
    Result<bool> decided = d.approve ? approve(d.id, std::nullopt, entry) : reject(d.id, entry);
    if (!decided.ok()) return decided.status();
    if (*decided) ++result.decided;
    if (*decided && d.approve && (approved.empty() || approved.back() != d.target)) approved.push_back(d.target);
  }
  std::sort(approved.begin(), approved.end());
  approved.erase(std::unique(approved.begin(), approved.end()), approved.end());
  return result;
}

Status SqliteOutbox::record_audit(const AuditEntry& entry) { return to_outbox(insert_audit(impl_->db, entry)); }

std::vector<AuditEntry> SqliteOutbox::audit(const std::string& post_id, int limit) {
  std::vector<AuditEntry> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT at_ms, actor, action, post_id, target, delivery_id, detail FROM audit"
                         " WHERE (?1 = '' OR post_id = ?1) ORDER BY id DESC LIMIT ?2", &stmt).ok()) {
    return result;
  }
  stmt.bind(1, post_id).bind(2, std::int64_t{limit > 0 ? limit : -1});
  while (stmt.step()) {
    result.push_back(AuditEntry{stmt.column_int64(0), std::string(stmt.column_text(1)),
                                std::string(stmt.column_text(2)), std::string(stmt.column_text(3)),
                                std::string(stmt.column_text(4)), stmt.column_int64(5),
                                std::string(stmt.column_text(6))});
  }
  return result;
}

}  // namespace herald
