// Outbox: each target's pacing, kept across restarts (outbox.h, outbox.cc Pacing).
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_impl.h"

namespace herald {
using namespace outbox_internal;
namespace {

constexpr char kPaceColumns[] = "last_sent_ms, day, day_count, held_until_ms, scheduled_ms, reason";

TargetPace read_pace(const SqliteStatement& row, int first) {
  TargetPace pace;
  pace.state.last_sent_ms = row.column_int64(first);
  pace.state.day = row.column_int64(first + 1);
  pace.state.day_count = static_cast<int>(row.column_int64(first + 2));
  pace.state.held_until_ms = row.column_int64(first + 3);
  pace.scheduled_ms = row.column_int64(first + 4);
  pace.reason = row.column_text(first + 5);
  return pace;
}

}  // namespace

Result<TargetPace> SqliteOutbox::pace(const std::string& target) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare(std::string("SELECT ") + kPaceColumns + " FROM pace_state WHERE target = ?1",
                                     &stmt);
  TargetPace pace;
  if (s.ok()) {
    stmt.bind(1, target);
    if (stmt.step()) pace = read_pace(stmt, 0);
    s = stmt.status();
  }
  if (!s.ok()) return to_outbox(s);
  return pace;
}

Status SqliteOutbox::save_pace(const std::string& target, const TargetPace& pace) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare(
      std::string("INSERT OR REPLACE INTO pace_state(target, ") + kPaceColumns +
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      &stmt);
  if (s.ok()) {
    s = stmt.bind(1, target).bind(2, pace.state.last_sent_ms).bind(3, pace.state.day)
            .bind(4, std::int64_t{pace.state.day_count}).bind(5, pace.state.held_until_ms)
            .bind(6, pace.scheduled_ms).bind(7, pace.reason).run();
  }
  return to_outbox(s);
}

std::map<std::string, TargetPace> SqliteOutbox::paces() {
  std::map<std::string, TargetPace> result;
  SqliteStatement stmt;
  if (!impl_->db.prepare(std::string("SELECT target, ") + kPaceColumns + " FROM pace_state", &stmt).ok()) {
    return result;
  }
  while (stmt.step()) result.emplace(stmt.column_text(0), read_pace(stmt, 1));
  return result;
}

std::int64_t SqliteOutbox::skip_stale(const std::string& target, std::int64_t posted_before_ms,
                                const std::string& reason, std::int64_t now_ms) {
  SqliteStatement update;
  if (!impl_->db.prepare("UPDATE deliveries SET state = 'dead', finished_ms = ?3, last_error = ?4,"
                         " last_error_ms = ?3, lease_until_ms = 0 WHERE target = ?1 AND state = 'pending'"
                         " AND event = 'post.published' AND jump_queue = 0 AND post_date_ms < ?2 RETURNING id",
                         &update).ok()) {
    return 0;
  }
  update.bind(1, target).bind(2, posted_before_ms).bind(3, now_ms).bind(4, reason);
  return impl_->update_counting(update);
}

}  // namespace herald
