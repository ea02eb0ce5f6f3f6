#include "daemon/outbox/outbox.h"

#include <charconv>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "config/delivery_event.h"
#include "daemon/base/corrupt_file.h"
#include "daemon/base/file_lock.h"
#include "daemon/base/private_files.h"
#include "daemon/base/sqlite_schema.h"
#include "daemon/base/wall_clock.h"
#include "daemon/outbox/outbox_impl.h"

// Durability. The connection runs in WAL mode at synchronous=NORMAL, and
// record() raises it to FULL for its own transaction. A WAL commit is never
// torn and survives a crash of the process (kill -9) at either level; FULL
// also syncs the WAL at every commit, so it survives power loss. That matters
// for record(): a post recorded as seen but whose deliveries were lost would
// never be announced. It does not matter for claim() and finish(), which the
// delivery engine calls thousands of times a second in batches: losing their
// last commits to a power cut only makes a delivery claimable again, and it is
// resent with the same message_id (the receiver dedupes it) — and the next
// FULL commit syncs every frame written before it anyway. Measured on the
// (shared, busy) 2-core development machine: 10,000 deliveries to 100
// targets claimed and finished in batches of 20 took 4.0 s at NORMAL
// (1.0 s of it CPU) and 11.2 s at FULL, which syncs each of the 1,000 commits.
//
// Attempts. claim() counts one attempt for every delivery it claims (an
// expired lease too: the request may have reached the target). A url_pending
// outcome gives that attempt back (attempts - 1), because the claim only
// probed check_url and sent nothing; so `attempts` counts requests sent or
// being sent, which is what a target's max_attempts limits. The probe's
// status and message are kept as last_status / last_error (for `herald
// list`), but not last_error_ms: counts() reports failed attempts only.
//
// Pacing. A paced target (docs/delivery.md) claims its first attempts
// (attempts 0, no error: never probed, failed or requeued) apart from the
// rest, at most as many as its pace lets start now, oldest or newest post
// first; its retries, probes and jump_queue deliveries are claimed as any
// target's. pace_state keeps what the engine's pacing needs across
// restarts, and the time it decided for the next first attempt (status).
//
// Stale outcomes. Every outcome applies only to a delivery still in_flight,
// so an outcome that arrives after recover_in_flight(), requeue or another
// outcome never moves a delivery backwards (a sent one stays sent).

namespace herald {
namespace fs = std::filesystem;
using namespace outbox_internal;
namespace {

// kSchemaSteps[v] takes the outbox from schema version v to v + 1
// (sqlite_schema.h): a new version appends a step.
const char* const kSchemaSteps[] = {
    // 0 -> 1
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE posts("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT NOT NULL, source_path TEXT NOT NULL,"
    "  date_ms INTEGER NOT NULL, first_seen_ms INTEGER NOT NULL);"
    "CREATE INDEX posts_by_date ON posts(date_ms, id);"
    "CREATE INDEX posts_by_url ON posts(url);"
    "CREATE INDEX posts_by_source_path ON posts(source_path);"
    "CREATE TABLE deliveries("
    "  id INTEGER PRIMARY KEY,"
    "  post_id TEXT NOT NULL, target TEXT NOT NULL, event TEXT NOT NULL,"
    "  message_id TEXT NOT NULL UNIQUE, payload BLOB NOT NULL, check_url TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'sent', 'dead')),"
    "  attempts INTEGER NOT NULL,"
    "  created_ms INTEGER NOT NULL, post_date_ms INTEGER NOT NULL, not_before_ms INTEGER NOT NULL,"
    "  lease_until_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,"
    "  last_status INTEGER NOT NULL, last_error TEXT NOT NULL, last_error_ms INTEGER NOT NULL,"
    "  remote_id TEXT NOT NULL, remote_url TEXT NOT NULL);"
    // claim(): a target's due deliveries in post order (id is in every index).
    "CREATE INDEX deliveries_claim ON deliveries(target, state, post_date_ms);"
    // next_due(target), counts().
    "CREATE INDEX deliveries_due ON deliveries(target, state, not_before_ms);"
    // next_due() of any target, recover_in_flight(), list(--state).
    "CREATE INDEX deliveries_by_state ON deliveries(state, not_before_ms);"
    "CREATE INDEX deliveries_by_post ON deliveries(post_id);",
    // 1 -> 2
    "CREATE TABLE target_state("
    "  target TEXT PRIMARY KEY, state BLOB NOT NULL, updated_ms INTEGER NOT NULL);",
    // 2 -> 3: the image variant made for a delivery (outbox_images.cc).
    "CREATE TABLE delivery_images("
    "  delivery_id INTEGER PRIMARY KEY, media_type TEXT NOT NULL, bytes BLOB NOT NULL,"
    "  width INTEGER NOT NULL, height INTEGER NOT NULL, alt TEXT NOT NULL, note TEXT NOT NULL,"
    "  url TEXT NOT NULL);",
    // 3 -> 4: pacing (docs/delivery.md): each target's state and its next
    // new announcement as the engine last decided it; deliveries that jump
    // the queue (herald resend --now).
    "CREATE TABLE pace_state("
    "  target TEXT PRIMARY KEY, last_sent_ms INTEGER NOT NULL, day INTEGER NOT NULL,"
    "  day_count INTEGER NOT NULL, held_until_ms INTEGER NOT NULL,"
    "  scheduled_ms INTEGER NOT NULL, reason TEXT NOT NULL);"
    "ALTER TABLE deliveries ADD COLUMN jump_queue INTEGER NOT NULL DEFAULT 0;",
    // 4 -> 5: the step a multi-step publish reached (Instagram and Threads
    // containers: target_driver.h), per delivery (outbox_target_state.cc).
    "CREATE TABLE delivery_progress("
    "  delivery_id INTEGER PRIMARY KEY, progress BLOB NOT NULL, updated_ms INTEGER NOT NULL);",
    // 5 -> 6: approval before posting (targets/approval.h): two more states
    // (the table is rebuilt: a CHECK cannot be altered), the deadline of a
    // delivery awaiting approval and its default, who asked for a resend;
    // the audit of editors' decisions (outbox_approval.cc).
    "CREATE TABLE deliveries_v6("
    "  id INTEGER PRIMARY KEY,"
    "  post_id TEXT NOT NULL, target TEXT NOT NULL, event TEXT NOT NULL,"
    "  message_id TEXT NOT NULL UNIQUE, payload BLOB NOT NULL, check_url TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'sent', 'dead',"
    "    'awaiting_approval', 'rejected')),"
    "  attempts INTEGER NOT NULL,"
    "  created_ms INTEGER NOT NULL, post_date_ms INTEGER NOT NULL, not_before_ms INTEGER NOT NULL,"
    "  lease_until_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,"
    "  last_status INTEGER NOT NULL, last_error TEXT NOT NULL, last_error_ms INTEGER NOT NULL,"
    "  remote_id TEXT NOT NULL, remote_url TEXT NOT NULL, jump_queue INTEGER NOT NULL DEFAULT 0,"
    "  approval_deadline_ms INTEGER NOT NULL DEFAULT 0, approve_on_timeout INTEGER NOT NULL DEFAULT 0,"
    "  resent_by TEXT NOT NULL DEFAULT '');"
    "INSERT INTO deliveries_v6(id, post_id, target, event, message_id, payload, check_url, state, attempts,"
    "  created_ms, post_date_ms, not_before_ms, lease_until_ms, finished_ms, last_status, last_error,"
    "  last_error_ms, remote_id, remote_url, jump_queue)"
    " SELECT id, post_id, target, event, message_id, payload, check_url, state, attempts,"
    "  created_ms, post_date_ms, not_before_ms, lease_until_ms, finished_ms, last_status, last_error,"
    "  last_error_ms, remote_id, remote_url, jump_queue FROM deliveries;"
    "DROP TABLE deliveries;"
    "ALTER TABLE deliveries_v6 RENAME TO deliveries;"
    "CREATE INDEX deliveries_claim ON deliveries(target, state, post_date_ms);"
    "CREATE INDEX deliveries_due ON deliveries(target, state, not_before_ms);"
    "CREATE INDEX deliveries_by_state ON deliveries(state, not_before_ms);"
    "CREATE INDEX deliveries_by_post ON deliveries(post_id);"
    "CREATE TABLE audit("
    "  id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
    "  post_id TEXT NOT NULL, target TEXT NOT NULL, delivery_id INTEGER NOT NULL, detail TEXT NOT NULL);"
    "CREATE INDEX audit_by_post ON audit(post_id, id);",
    // 6 -> 7: who holds a lease and who sent a delivery (instances sharing
    // a PostgreSQL outbox, pg_outbox.h; SQLite's one instance leaves them '').
    "ALTER TABLE deliveries ADD COLUMN lease_holder TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE deliveries ADD COLUMN sent_by TEXT NOT NULL DEFAULT '';",
    // 7 -> 8: the changes of posts (edits, deletions) announced and the
    // version of each feed last pinged, each once for the instances sharing
    // a PostgreSQL outbox (pg_outbox.h); SQLite's one instance keeps them
    // too (a copy to PostgreSQL carries them) but announces every change it sees.
    "CREATE TABLE announced_changes("
    "  post_id TEXT NOT NULL, event TEXT NOT NULL, signature TEXT NOT NULL, recorded_ms INTEGER NOT NULL,"
    "  recorded_by TEXT NOT NULL, PRIMARY KEY(post_id, event, signature));"
    "CREATE TABLE pinged_feeds("
    "  topic TEXT PRIMARY KEY, signature TEXT NOT NULL, recorded_ms INTEGER NOT NULL, recorded_by TEXT NOT NULL);",
};
static_assert(std::size(kSchemaSteps) == Outbox::kSchemaVersion);

// What the operator of the corrupt outbox `path`, moved to `aside`, chooses between.
std::string operator_decides(const std::string& path, const std::string& aside) {
  const std::string dir = fs::path(path).parent_path().string();
  return "herald does not start with an empty outbox by itself, since the outbox holds the delivery "
         "history: either recover it (sqlite3 " + aside + " .recover | sqlite3 " + path +
         ") and start herald again, or accept an empty outbox (as at a first start: delivery.first_start) "
         "by moving " + aside + " out of " + (dir.empty() ? "." : dir) +
         " and starting herald again (docs/reliability.md)";
}

// unseen() looks each id up when it has at most this many, and otherwise
// reads every stored id once.
constexpr std::size_t kMaxLookups = 2048;

// Why a read-only outbox cannot be read by this herald ("" when it can).
std::string unreadable_schema(SqliteDb& db, SqliteStatus* status) {
  std::string why = unusable_schema(db, Outbox::kSchemaVersion, status);
  std::int64_t version = 0;
  if (why.empty() && status->ok()) *status = db.user_version(&version);
  if (why.empty() && status->ok() && version < Outbox::kSchemaVersion) {
    why = db.path() + ": schema version " + std::to_string(version) + " is older than this herald's (" +
          std::to_string(Outbox::kSchemaVersion) + "); start the daemon once to migrate it";
  }
  return why;
}

}  // namespace

namespace outbox_internal {

Delivery read_delivery(const SqliteStatement& row) {
  Delivery d;
  d.id = row.column_int64(0);
  d.post_id = row.column_text(1);
  d.target = row.column_text(2);
  d.event = row.column_text(3);
  d.message_id = row.column_text(4);
  d.payload = row.column_blob(5);
  d.check_url = row.column_text(6);
  d.state = parse_delivery_state(row.column_text(7)).value_or(DeliveryState::pending);
  d.attempts = static_cast<int>(row.column_int64(8));
  d.created_ms = row.column_int64(9);
  d.post_date_ms = row.column_int64(10);
  d.not_before_ms = row.column_int64(11);
  d.lease_until_ms = row.column_int64(12);
  d.finished_ms = row.column_int64(13);
  d.last_status = static_cast<int>(row.column_int64(14));
  d.last_error = row.column_text(15);
  d.remote_id = row.column_text(16);
  d.remote_url = row.column_text(17);
  d.jump_queue = row.column_int64(18) != 0;
  d.approval_deadline_ms = row.column_int64(19);
  d.resent_by = row.column_text(20);
  d.sent_by = row.column_text(21);
  return d;
}

OutboxPost read_post(const SqliteStatement& row) {
  return OutboxPost{std::string(row.column_text(0)), std::string(row.column_text(1)),
                    std::string(row.column_text(2)), std::string(row.column_text(3)),
                    row.column_int64(4)};
}

Status to_outbox(const SqliteStatus& s) { return s.as_status(); }

std::int64_t count_rows(SqliteStatement& stmt, SqliteStatus* status) {
  std::int64_t n = 0;
  while (stmt.step()) ++n;
  *status = stmt.status();
  stmt.reset();
  return n;
}

}  // namespace outbox_internal

std::string outbox_path(const Config& config) { return config.state.dir + "/outbox.db"; }

SqliteStatus SqliteOutbox::Impl::open_read_write() {
  const fs::path dir = fs::path(path).parent_path();
  if (!dir.empty()) {
    if (Status made = make_private_directory(dir.string()); !made.ok()) {
      return SqliteStatus{1, path + ": " + made.message};
    }
  }
  Result<FileLock> locked = lock_file(path + ".lock");
  if (!locked.ok()) return SqliteStatus{1, path + ": " + locked.error()};
  if (!locked->acquired()) {
    long holder = locked->holder_pid;
    return SqliteStatus{1, path + ": another herald owns " + (dir.empty() ? "." : dir.string()) +
                               (holder ? " (pid " + std::to_string(holder) + ")" : "")};
  }
  lock = std::move(locked->fd);
  std::error_code ec;
  if (std::string aside = find_moved_aside(path); !aside.empty() && !fs::exists(path, ec)) {
    return SqliteStatus{1, path + " is missing and " + aside + " is the outbox herald moved aside as corrupt; " +
                               operator_decides(path, aside)};
  }
  SqliteStatus s = db.open(path, SqliteOptions{.sync = SqliteSync::normal});
  if (s.ok()) s = db.quick_check();
  if (s.not_a_database()) return move_aside_and_refuse(s);
  if (s.ok()) remember_file();
  std::string why = s.ok() ? unusable_schema(db, kSchemaVersion, &s) : "";
  if (!why.empty()) return SqliteStatus{1, why};
  if (s.ok()) s = migrate_schema(db, kSchemaSteps);
  return s;
}

// A corrupt outbox is never replaced by an empty one behind the operator's
// back: it holds what was announced and what is still to deliver.
SqliteStatus SqliteOutbox::Impl::move_aside_and_refuse(const SqliteStatus& corrupt) {
  db.close();
  Result<std::string> aside = move_aside_corrupt(path, wall_clock_ms());
  if (!aside.ok()) return SqliteStatus{corrupt.code, corrupt.message + "; " + aside.error()};
  return SqliteStatus{corrupt.code, corrupt.message + "; moved it to " + *aside + " (with its -wal and -shm); " +
                                        operator_decides(path, *aside)};
}

void SqliteOutbox::Impl::remember_file() {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  dev = st.st_dev;
  ino = st.st_ino;
}

SqliteStatus SqliteOutbox::Impl::open_read_only() {
  std::error_code ec;
  if (!fs::exists(path, ec)) return SqliteStatus{1, path + ": no such file"};
  SqliteStatus s = db.open(path, SqliteOptions{.read_only = true});
  std::string why = s.ok() ? unreadable_schema(db, &s) : "";
  if (!why.empty()) return SqliteStatus{1, why};
  return s;
}

SqliteStatus SqliteOutbox::Impl::prepare_statements() {
  // Due: pending and not_before passed, or in_flight and the lease expired.
  // Each kind is read in post order from deliveries_claim, then merged.
  const std::string claim_sql =
      std::string("UPDATE deliveries SET state = 'in_flight', lease_until_ms = ?3,"
                  " attempts = attempts + 1 WHERE id IN (SELECT id FROM ("
                  "  SELECT * FROM (SELECT id, post_date_ms FROM deliveries WHERE target = ?1"
                  "   AND state = 'pending' AND +not_before_ms <= ?2 ORDER BY post_date_ms, id LIMIT ?4)"
                  "  UNION ALL"
                  "  SELECT * FROM (SELECT id, post_date_ms FROM deliveries WHERE target = ?1"
                  "   AND state = 'in_flight' AND lease_until_ms <= ?2 ORDER BY post_date_ms, id LIMIT ?4))"
                  " ORDER BY post_date_ms, id LIMIT ?4) RETURNING ") +
      kDeliveryColumns;
  // A paced target's claims: first attempts apart from the rest (Pacing above).
  const std::string unpaced_sql =
      std::string("UPDATE deliveries SET state = 'in_flight', lease_until_ms = ?3,"
                  " attempts = attempts + 1 WHERE id IN (SELECT id FROM ("
                  "  SELECT * FROM (SELECT id, post_date_ms FROM deliveries WHERE target = ?1"
                  "   AND state = 'pending' AND +not_before_ms <= ?2"
                  "   AND (attempts > 0 OR last_error != '' OR jump_queue != 0)"
                  "   ORDER BY post_date_ms, id LIMIT ?4)"
                  "  UNION ALL"
                  "  SELECT * FROM (SELECT id, post_date_ms FROM deliveries WHERE target = ?1"
                  "   AND state = 'in_flight' AND lease_until_ms <= ?2 ORDER BY post_date_ms, id LIMIT ?4))"
                  " ORDER BY post_date_ms, id LIMIT ?4) RETURNING ") +
      kDeliveryColumns;
  auto fresh_sql = [](const char* order) {
    return std::string("UPDATE deliveries SET state = 'in_flight', lease_until_ms = ?3,"
                       " attempts = attempts + 1 WHERE id IN (SELECT id FROM deliveries WHERE target = ?1"
                       " AND state = 'pending' AND +not_before_ms <= ?2 AND attempts = 0"
                       " AND last_error = '' AND jump_queue = 0 ORDER BY ") +
           order + " LIMIT ?4) RETURNING " + kDeliveryColumns;
  };
  const std::string fresh_oldest = fresh_sql("post_date_ms, id");
  const std::string fresh_newest = fresh_sql("post_date_ms DESC, id DESC");
  // Outcomes apply to in_flight deliveries only (see Stale outcomes above).
  const std::pair<std::string_view, SqliteStatement*> statements[] = {
      {"SELECT 1 FROM posts WHERE id = ?1", &post_known},
      {"INSERT INTO posts(id, title, url, source_path, date_ms, first_seen_ms)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
       " url = excluded.url, source_path = excluded.source_path, date_ms = excluded.date_ms",
       &upsert_post},
      {"INSERT INTO deliveries(post_id, target, event, message_id, payload, check_url, state,"
       " attempts, created_ms, post_date_ms, not_before_ms, lease_until_ms, finished_ms,"
       " last_status, last_error, last_error_ms, remote_id, remote_url, jump_queue,"
       " approval_deadline_ms, approve_on_timeout, resent_by)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?11 THEN 'awaiting_approval' ELSE 'pending' END,"
       " 0, ?7, ?8, ?9, 0, 0, 0, '', 0, '', '', ?10, ?12, ?13, ?14)",
       &insert_delivery},
      {claim_sql, &claim},
      {"INSERT INTO delivery_images(delivery_id, media_type, bytes, width, height, alt, note, url)"
       " SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM deliveries WHERE message_id = ?1",
       &insert_image},
      {"SELECT media_type, bytes, width, height, alt, note, url FROM delivery_images WHERE delivery_id = ?1",
       &select_image},
      {"DELETE FROM delivery_images WHERE delivery_id = ?1", &delete_image},
      {"DELETE FROM delivery_progress WHERE delivery_id = ?1", &delete_progress},
      {unpaced_sql, &claim_unpaced},
      {fresh_oldest, &claim_fresh},
      {fresh_newest, &claim_fresh_newest},
      {"UPDATE deliveries SET state = 'sent', finished_ms = ?2, last_status = ?3, remote_id = ?4,"
       " remote_url = ?5, last_error = CASE WHEN ?6 = '' THEN last_error ELSE ?6 END, lease_until_ms = 0"
       " WHERE id = ?1 AND state = 'in_flight'",
       &finish_sent},
      {"UPDATE deliveries SET state = 'pending', not_before_ms = ?2, last_status = ?3,"
       " last_error = ?4, last_error_ms = ?5, lease_until_ms = 0 WHERE id = ?1 AND state = 'in_flight'",
       &finish_retry},
      {"UPDATE deliveries SET state = 'dead', finished_ms = ?2, last_status = ?3, last_error = ?4,"
       " last_error_ms = ?2, lease_until_ms = 0 WHERE id = ?1 AND state = 'in_flight'",
       &finish_dead},
      {"UPDATE deliveries SET state = 'pending', not_before_ms = ?2, attempts = max(attempts - 1, 0),"
       " last_status = ?3, last_error = ?4, lease_until_ms = 0 WHERE id = ?1 AND state = 'in_flight'",
       &finish_url_pending},
  };
  SqliteStatus s;
  for (const auto& [sql, stmt] : statements) {
    if (s.ok()) s = db.prepare(sql, stmt);
  }
  return s;
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, Mode mode) {
  auto impl = std::make_unique<SqliteOutbox::Impl>();
  impl->path = path;
  SqliteStatus s = mode == Mode::read_write ? impl->open_read_write() : impl->open_read_only();
  if (s.ok()) s = impl->prepare_statements();
  if (!s.ok()) return to_outbox(s);
  return std::unique_ptr<Outbox>(new SqliteOutbox(std::move(impl)));
}

SqliteOutbox::SqliteOutbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteOutbox::~SqliteOutbox() = default;

const std::string& SqliteOutbox::path() const { return impl_->path; }

Status SqliteOutbox::check_file() {
  if (impl_->ino == 0) return {};
  struct stat st {};
  if (::stat(impl_->path.c_str(), &st) != 0) {
    return Status::failed(impl_->path + ": " + std::strerror(errno) +
                          " (the file herald has open was deleted, or its state directory moved)");
  }
  if (st.st_dev != impl_->dev || st.st_ino != impl_->ino) {
    return Status::failed(impl_->path + ": replaced by another file since herald opened it");
  }
  return {};
}

// --- the announcer ----------------------------------------------------------

bool SqliteOutbox::has_baseline() {
  SqliteStatement stmt;
  return impl_->db.prepare("SELECT 1 FROM meta WHERE key = 'baseline'", &stmt).ok() && stmt.step();
}

std::optional<std::int64_t> SqliteOutbox::wall_mark() {
  SqliteStatement stmt;
  if (!impl_->db.prepare("SELECT value FROM meta WHERE key = 'wall_mark'", &stmt).ok() || !stmt.step()) {
    return std::nullopt;
  }
  std::string_view text = stmt.column_text(0);
  std::int64_t ms = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), ms).ec != std::errc{}) return std::nullopt;
  return ms;
}

Result<std::int64_t> SqliteOutbox::change_counter() {
  std::int64_t counter = 0;
  SqliteStatus s = impl_->db.change_counter(&counter);
  if (!s.ok()) return to_outbox(s);
  return counter;
}

Status SqliteOutbox::set_wall_mark(std::int64_t ms) {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('wall_mark', ?)", &stmt);
  if (s.ok()) s = stmt.bind(1, std::to_string(ms)).run();
  return s.as_status();
}

Status SqliteOutbox::unseen(const std::vector<std::string>& ids, std::vector<std::string>* out) {
  out->clear();
  if (ids.size() <= kMaxLookups) {
    SqliteStatement& known = impl_->post_known;
    for (const std::string& id : ids) {
      known.bind(1, id);
      bool seen = known.step();
      SqliteStatus s = known.status();
      known.reset();
      if (!s.ok()) return to_outbox(s);
      if (!seen) out->push_back(id);
    }
    return {};
  }
  std::unordered_set<std::string_view> wanted(ids.begin(), ids.end());
  SqliteStatement all;
  SqliteStatus s = impl_->db.prepare("SELECT id FROM posts", &all);
  if (!s.ok()) return to_outbox(s);
  while (all.step()) wanted.erase(all.column_text(0));
  if (!all.status().ok()) return to_outbox(all.status());
  for (const std::string& id : ids) {
    if (wanted.count(id)) out->push_back(id);
  }
  return {};
}

bool SqliteOutbox::Impl::still_unattempted(std::int64_t id) {
  SqliteStatement stmt;
  if (!db.prepare("SELECT 1 FROM deliveries WHERE id = ?1 AND state = 'pending' AND attempts = 0", &stmt).ok()) {
    return false;
  }
  stmt.bind(1, id);
  return stmt.step();
}

SqliteStatus SqliteOutbox::Impl::replace_payload(std::int64_t id, std::string_view payload) {
  SqliteStatement stmt;
  SqliteStatus s = db.prepare("UPDATE deliveries SET payload = ?2 WHERE id = ?1", &stmt);
  if (s.ok()) s = stmt.bind(1, id).bind_blob(2, payload).run();
  return s;
}

SqliteStatus SqliteOutbox::Impl::note_changes(const NewDelivery& d, std::int64_t now) {
  SqliteStatus s;
  if (!d.change.empty()) s = note_change(ChangeRef{d.post_id, d.event, d.change}, now);
  for (const ChangeRef& c : d.changes) {
    if (s.ok() && c.event != delivery_event_name(DeliveryEvent::published)) s = note_change(c, now);
  }
  return s;
}

SqliteStatus SqliteOutbox::Impl::note_change(const ChangeRef& d, std::int64_t now) {
  SqliteStatement stmt;
  const bool ping = d.event == delivery_event_name(DeliveryEvent::websub_publish);
  SqliteStatus s = db.prepare(ping ? "INSERT OR REPLACE INTO pinged_feeds(topic, signature, recorded_ms, recorded_by)"
                                     " VALUES (?1, ?3, ?4, '')"
                                   : "INSERT OR IGNORE INTO announced_changes(post_id, event, signature, recorded_ms,"
                                     " recorded_by) VALUES (?1, ?2, ?3, ?4, '')",
                              &stmt);
  if (s.ok()) s = stmt.bind(1, d.post_id).bind(2, d.event).bind(3, d.signature).bind(4, now).run();
  return s;
}

Status SqliteOutbox::record(const OutboxPosts& posts, const std::vector<NewDelivery>& deliveries,
                            bool baseline, RecordOutcome* outcome) {
  if (outcome) *outcome = RecordOutcome{};  // one instance: nothing is left out
  Impl& m = *impl_;
  const std::int64_t now = wall_clock_ms();
  SqliteStatus s = m.db.exec("PRAGMA synchronous=FULL");  // see Durability above
  SqliteTransaction txn(m.db);
  if (s.ok()) s = txn.begin();
  for (std::size_t i = 0; s.ok() && i < posts.size(); ++i) {
    const OutboxPost p = posts[i];
    s = m.upsert_post.bind(1, p.id).bind(2, p.title).bind(3, p.url).bind(4, p.source_path)
            .bind(5, p.date_ms).bind(6, now).run();
  }
  for (const NewDelivery& d : deliveries) {
    if (!s.ok()) break;
    if (d.replaces != 0 && m.still_unattempted(d.replaces)) {
      s = m.replace_payload(d.replaces, d.payload);
      continue;
    }
    s = m.insert_delivery.bind(1, d.post_id).bind(2, d.target).bind(3, d.event).bind(4, d.message_id)
            .bind_blob(5, d.payload).bind(6, d.check_url).bind(7, now).bind(8, d.post_date_ms)
            .bind(9, d.not_before_ms).bind(10, std::int64_t{d.jump_queue})
            .bind(11, std::int64_t{d.awaiting_approval}).bind(12, d.approval_deadline_ms)
            .bind(13, std::int64_t{d.approve_on_timeout}).bind(14, d.resent_by).run();
    if (s.ok() && d.image) s = m.insert_image_of(d.message_id, *d.image);
    if (s.ok()) s = m.note_changes(d, now);
  }
  if (s.ok() && baseline) {
    s = m.db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('baseline', '" +
                  std::to_string(now) + "')");
  }
  if (s.ok()) s = txn.commit();
  txn.rollback();
  SqliteStatus back = m.db.exec("PRAGMA synchronous=NORMAL");
  return to_outbox(s.ok() ? back : s);
}

std::optional<OutboxPost> SqliteOutbox::Impl::first_post(const char* where, std::string_view a,
                                                   std::string_view b) {
  SqliteStatement stmt;
  std::string sql = std::string("SELECT id, title, url, source_path, date_ms FROM posts WHERE ") + where +
                    " ORDER BY date_ms DESC, id LIMIT 1";
  if (!db.prepare(sql, &stmt).ok()) return std::nullopt;
  stmt.bind(1, a);
  if (!b.empty()) stmt.bind(2, b);
  if (!stmt.step()) return std::nullopt;
  return read_post(stmt);
}

std::optional<OutboxPost> SqliteOutbox::find_post(std::string_view id_path_or_url) {
  std::string_view q = id_path_or_url;
  if (q.empty()) return std::nullopt;
  if (auto post = impl_->first_post("id = ?1", q)) return post;
  if (auto post = impl_->first_post("source_path = ?1", q)) return post;
  // A URL with or without its trailing slash.
  std::string other = q.back() == '/' ? std::string(q.substr(0, q.size() - 1)) : std::string(q) + "/";
  return impl_->first_post("url IN (?1, ?2)", q, other);
}

}  // namespace herald
