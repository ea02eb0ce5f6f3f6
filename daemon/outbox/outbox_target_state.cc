// Outbox: the state target drivers keep across restarts (outbox.h): per
// target, and per delivery (the progress of a multi-step publish).
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_impl.h"

namespace herald {
using namespace outbox_internal;

Result<std::optional<std::string>> SqliteOutbox::target_state(const std::string& target) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare("SELECT state FROM target_state WHERE target = ?1", &stmt);
  std::optional<std::string> state;
  if (s.ok()) {
    stmt.bind(1, target);
    if (stmt.step()) state = std::string(stmt.column_blob(0));
    s = stmt.status();
  }
  if (!s.ok()) return to_outbox(s);
  return state;
}

Status SqliteOutbox::save_target_state(const std::string& target, const std::string& state,
                                       std::int64_t now_ms) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare(
      "INSERT INTO target_state(target, state, updated_ms) VALUES (?1, ?2, ?3)"
      " ON CONFLICT(target) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms",
      &stmt);
  if (s.ok()) s = stmt.bind(1, target).bind_blob(2, state).bind(3, now_ms).run();
  return to_outbox(s);
}

Result<std::optional<std::string>> SqliteOutbox::delivery_progress(std::int64_t delivery_id) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare("SELECT progress FROM delivery_progress WHERE delivery_id = ?1", &stmt);
  std::optional<std::string> progress;
  if (s.ok()) {
    stmt.bind(1, delivery_id);
    if (stmt.step()) progress = std::string(stmt.column_blob(0));
    s = stmt.status();
  }
  if (!s.ok()) return to_outbox(s);
  return progress;
}

Status SqliteOutbox::save_delivery_progress(std::int64_t delivery_id, const std::string& progress, std::int64_t now_ms) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare(
      "INSERT INTO delivery_progress(delivery_id, progress, updated_ms) VALUES (?1, ?2, ?3)"
      " ON CONFLICT(delivery_id) DO UPDATE SET progress = excluded.progress, updated_ms = excluded.updated_ms",
      &stmt);
  if (s.ok()) s = stmt.bind(1, delivery_id).bind_blob(2, progress).bind(3, now_ms).run();
  return to_outbox(s);
}

}  // namespace herald
