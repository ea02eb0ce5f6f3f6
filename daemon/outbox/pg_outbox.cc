#include "daemon/outbox/pg_outbox.h"

#include <unistd.h>

#include <algorithm>
#include <climits>
#include <set>
#include <unordered_set>
#include <utility>

#include <boost/json.hpp>

#include "config/delivery_event.h"
#include "daemon/base/wall_clock.h"
#include "daemon/outbox/outbox_pg_schema.h"
#include "daemon/outbox/pg_outbox_impl.h"
#include "daemon/postgres/pg_schema.h"

// The connection and the announcer's side of the PostgreSQL outbox
// (pg_outbox.h). Record: see "A new post is announced once" there.

namespace herald {
namespace {

constexpr std::chrono::milliseconds kMaxBackoff{30000};
// A connection attempt lasts this long at most when the database host went
// silent (the URL's connect_timeout wins); after the start it is made on a
// thread of its own (PgOutbox::db), so no caller waits for it.
const PgConnectOptions kConnect{std::chrono::seconds(3)};
// The class of the instances' name locks (pg_try_advisory_lock(int, int)),
// "hera" in ASCII; the migrations' lock is a bigint key, another space.
constexpr std::int64_t kInstanceLockClass = 0x68657261;

// Whether `s` says the connection itself is gone (SQLSTATE class 08, or
// the server shutting down: 57P01-57P03), not only the statement.
bool connection_failed(const PgStatus& s) {
  return s.sqlstate.starts_with("08") || s.sqlstate == "57P01" || s.sqlstate == "57P02" || s.sqlstate == "57P03";
}

ChangeKey change_key(const NewDelivery& d) { return ChangeKey{d.post_id, d.event, d.change}; }

// A new post is decided by its row in posts, not by announced_changes.
bool is_new_post(const ChangeRef& c) { return c.event == delivery_event_name(DeliveryEvent::published); }

// Whether another instance recorded every change of a batch first (`lost`:
// the posts it recorded, `lost_changes`: the edits and deletions).
bool all_taken(const std::vector<ChangeRef>& changes, const std::set<std::string>& lost,
               const std::set<ChangeKey>& lost_changes) {
  return std::all_of(changes.begin(), changes.end(), [&](const ChangeRef& c) {
    return is_new_post(c) ? lost.count(c.post_id) > 0
                          : lost_changes.count(ChangeKey{c.post_id, c.event, c.signature}) > 0;
  });
}

// A WebSub ping's change is the feed's new version (post_id: its topic),
// decided against the version last pinged; any other change is an event.
bool is_feed_ping(const NewDelivery& d) { return d.event == delivery_event_name(DeliveryEvent::websub_publish); }

// A session-level advisory lock on the name, held while the connection
// lives: a second live instance with the same name would recover and
// fence the first one's leases as its own.
PgStatus take_name(PgConnection& c, const DatabaseConfig& database, const std::string& instance) {
  PgRows taken;
  PgStatus s = c.exec("SELECT pg_try_advisory_lock($1::integer, hashtext($2))",
                      PgParams().integer(kInstanceLockClass).text(instance), &taken);
  if (!s.ok() || (taken.rows() == 1 && taken.text(0, 0) == "t")) return s;
  return PgStatus{"55P03", database.shown + ": another herald instance named \"" + instance +
                               "\" is connected to it; give each instance its own state.instance"};
}

// Connects `c`; read_write also migrates and takes the instance's name.
// Touches only its arguments: safe on a thread of its own.
PgStatus attach_to(PgConnection& c, const DatabaseConfig& database, const PgOutboxOptions& options) {
  PgStatus s = c.connect(database, kConnect);
  if (s.ok() && options.mode == Outbox::Mode::read_write) s = migrate_outbox_pg(c).status;
  if (s.ok() && options.mode == Outbox::Mode::read_write) s = take_name(c, database, options.instance);
  if (!s.ok()) c.close();
  return s;
}

OutboxPost read_post(const PgRows& rows, int r) {
  return OutboxPost{std::string(rows.text(r, 0)), std::string(rows.text(r, 1)), std::string(rows.text(r, 2)),
                    std::string(rows.text(r, 3)), rows.integer(r, 4)};
}

}  // namespace

std::string default_instance_name() {
  char host[HOST_NAME_MAX + 1] = {};
  if (::gethostname(host, sizeof host) != 0 || host[0] == '\0') return "herald";
  return host;
}

Result<std::unique_ptr<Outbox>> open_pg_outbox(const DatabaseConfig& database, const PgOutboxOptions& options) {
  auto outbox = std::make_unique<PgOutbox>(database, options);
  if (Status started = outbox->start(); !started.ok()) return started;
  return std::unique_ptr<Outbox>(std::move(outbox));
}

PgOutbox::PgOutbox(const DatabaseConfig& database, PgOutboxOptions options)
    : database_(database), options_(std::move(options)) {}
PgOutbox::~PgOutbox() = default;

Status PgOutbox::start() {
  if (options_.instance.empty()) return Status::failed(database_.shown + ": no instance name (state.instance)");
  PgStatus s = attach();
  if (!s.ok() && options_.wait_for_database) {
    last_failure_ = s.message;
    note_reachable(s.message);
    backoff_ = options_.first_backoff;
    retry_at_ = std::chrono::steady_clock::now() + backoff_;
    return {};
  }
  if (!s.ok() || options_.mode == Mode::read_write) return s.as_status();
  std::int64_t version = 0;
  s = pg_schema_version(connection_, kOutboxPgSchema, &version);
  if (!s.ok()) return s.as_status();
  if (version != kSchemaVersion) {
    return Status::failed(database_.shown + ": outbox schema version " + std::to_string(version) +
                          ", this herald reads " + std::to_string(kSchemaVersion) +
                          " (start herald run once to migrate it)");
  }
  return {};
}

PgStatus PgOutbox::attach() { return attach_to(connection_, database_, options_); }

PgConnection* PgOutbox::db(std::string* why) {
  if (connection_.is_open()) return &connection_;
  if (attempt_.valid() && attempt_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Attempt done = attempt_.get();
    if (done.status.ok()) connection_ = std::move(done.connection);
    settle(done.status);
  } else if (!attempt_.valid() && std::chrono::steady_clock::now() >= retry_at_) {
    // On a thread of its own: the caller (the loop, the delivery thread)
    // never waits for a database host that went silent.
    attempt_ = std::async(std::launch::async, [database = database_, options = options_] {
      Attempt attempt;
      attempt.status = attach_to(attempt.connection, database, options);
      return attempt;
    });
  }
  if (connection_.is_open()) return &connection_;
  if (why) {
    *why = last_failure_.empty() ? database_.shown + ": not connected" : last_failure_;
    if (attempt_.valid()) *why += " (connecting again)";
  }
  return nullptr;
}

PgConnection* PgOutbox::connect_now() {
  if (attempt_.valid()) return nullptr;
  PgStatus s = attach();
  settle(s);
  return s.ok() ? &connection_ : nullptr;
}

void PgOutbox::settle(const PgStatus& attempt) {
  if (attempt.ok()) {
    backoff_ = std::chrono::milliseconds{0};
    last_failure_.clear();
    note_reachable("");
    // A new session listens on nothing, and may have missed changes.
    listening_ = false;
    ++notified_;
    return;
  }
  last_failure_ = attempt.message;
  note_reachable(attempt.message);
  backoff_ = std::min(kMaxBackoff, backoff_.count() == 0 ? options_.first_backoff : backoff_ * 2);
  retry_at_ = std::chrono::steady_clock::now() + backoff_;
}

PgStatus PgOutbox::exec(std::string_view sql, const PgParams& params, PgRows* rows) {
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return PgStatus{std::string(kSqlstateConnectionLost), why};
  PgStatus s = c->exec(sql, params, rows);
  if (connection_failed(s)) {
    lost(s);
    // A reader's statement is asked again on a new connection at once: a
    // connection the database's restart broke is noticed only here, and
    // the editor asking deserves the answer, not an empty one. (A writer's
    // is not: it may have been applied, or be part of a transaction.)
    if (options_.mode == Mode::read_only && (c = connect_now()) != nullptr) s = c->exec(sql, params, rows);
    if (connection_failed(s)) lost(s);
  }
  if (s.ok() && listening_) {
    // Notifications a statement's answer brought: counted now, so libpq
    // never holds them long (change_counter() may not be called for a while).
    std::int64_t arrived = 0;
    if (connection_.take_notifications(&arrived).ok()) notified_ += arrived;
  }
  return s;
}

void PgOutbox::lost(const PgStatus& failure) {
  last_failure_ = failure.message;
  note_reachable(failure.message);
  connection_.close();
}

void PgOutbox::note_reachable(const std::string& why) {
  std::lock_guard lock(unreachable_mutex_);
  unreachable_ = why;
}

std::int64_t PgOutbox::exec_counting(std::string_view sql, const PgParams& params) {
  PgRows rows;
  return exec(sql, params, &rows).ok() ? rows.affected() : 0;
}

const std::string& PgOutbox::path() const { return database_.shown; }

// Reads only what the outbox's own thread noted: safe from any thread.
Status PgOutbox::check_file() {
  std::lock_guard lock(unreachable_mutex_);
  if (unreachable_.empty()) return {};
  return Status::failed("the state database is unreachable: " + unreachable_);
}

// --- the announcer ----------------------------------------------------------

bool PgOutbox::has_baseline() {
  PgRows rows;
  return exec("SELECT 1 FROM meta WHERE key = 'baseline'", {}, &rows).ok() && rows.rows() > 0;
}

std::optional<std::int64_t> PgOutbox::wall_mark() {
  PgRows rows;
  if (!exec("SELECT value::bigint FROM meta WHERE key = $1", PgParams().text("wall_mark:" + options_.instance), &rows)
           .ok() ||
      rows.rows() == 0) {
    return std::nullopt;
  }
  return rows.integer(0, 0);
}

Status PgOutbox::set_wall_mark(std::int64_t ms) {
  return exec("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
              PgParams().text("wall_mark:" + options_.instance).text(std::to_string(ms)))
      .as_status();
}

// LISTENs once per connection; then counts what arrived on the socket,
// reading no table.
Result<std::int64_t> PgOutbox::change_counter() {
  std::string why;
  if (db(&why) == nullptr) return Status::failed(why);  // connects again when it is time
  if (!listening_) {
    PgStatus s = exec(std::string("LISTEN ") + kOutboxChannel);  // a name of ours, not a value
    if (!s.ok()) return s.as_status();
    listening_ = true;
  }
  std::int64_t arrived = 0;
  PgStatus s = connection_.take_notifications(&arrived);
  if (!s.ok()) {
    lost(s);
    return s.as_status();
  }
  notified_ += arrived;
  return notified_;
}

// The ids travel as one JSON array (Boost.JSON writes it), one statement.
Status PgOutbox::unseen(const std::vector<std::string>& ids, std::vector<std::string>* out) {
  out->clear();
  boost::json::array wanted;
  for (const std::string& id : ids) wanted.emplace_back(id);
  PgRows rows;
  PgStatus s = exec("SELECT id FROM posts WHERE id IN (SELECT json_array_elements_text($1::json))",
                    PgParams().text(boost::json::serialize(wanted)), &rows);
  if (!s.ok()) return s.as_status();
  std::unordered_set<std::string_view> known;
  for (int r = 0; r < rows.rows(); ++r) known.insert(rows.text(r, 0));
  for (const std::string& id : ids) {
    if (!known.count(id)) out->push_back(id);
  }
  return {};
}

// One statement for every post (a first start records the whole site):
// the posts as a JSON array of objects (Boost.JSON), inserted where new,
// their details refreshed where known; *lost gets the known ones.
PgStatus PgOutbox::insert_posts(const OutboxPosts& posts, std::int64_t now, std::set<std::string>* lost) {
  boost::json::array rows;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    const OutboxPost p = posts[i];
    rows.push_back(boost::json::object{{"id", p.id}, {"title", p.title}, {"url", p.url},
                                       {"source_path", p.source_path}, {"date_ms", p.date_ms}});
  }
  PgRows result;
  // The UPDATE sees the table as the statement started: the posts known
  // before it, never the ones its INSERT adds. Inserted in id order, so two
  // instances recording the same posts wait for each other in one order
  // (never a deadlock).
  PgStatus s = exec(
      "WITH input AS (SELECT * FROM json_to_recordset($1::json)"
      "   AS t(id text, title text, url text, source_path text, date_ms bigint)),"
      " won AS (INSERT INTO posts(id, title, url, source_path, date_ms, first_seen_ms)"
      "   SELECT id, title, url, source_path, date_ms, $2 FROM input ORDER BY id ON CONFLICT(id) DO NOTHING"
      "   RETURNING id),"
      " refreshed AS (UPDATE posts SET title = input.title, url = input.url, source_path = input.source_path,"
      "   date_ms = input.date_ms FROM input WHERE posts.id = input.id RETURNING posts.id)"
      " SELECT id FROM input WHERE id NOT IN (SELECT id FROM won)",
      PgParams().text(boost::json::serialize(rows)).integer(now), &result);
  for (int r = 0; s.ok() && r < result.rows(); ++r) lost->emplace(result.text(r, 0));
  return s;
}

// The changes `deliveries` announce (NewDelivery::change), recorded in
// key order (two instances recording the same changes wait for each other
// in one order, never a deadlock): a post's edit or deletion inserted
// where new, a feed's version where it differs from the one last pinged.
// *lost gets the keys another instance recorded first.
PgStatus PgOutbox::insert_changes(const std::vector<NewDelivery>& deliveries, std::int64_t now,
                                  std::set<ChangeKey>* lost) {
  std::set<ChangeKey> posts, feeds;
  for (const NewDelivery& d : deliveries) {
    if (!d.change.empty()) (is_feed_ping(d) ? feeds : posts).insert(change_key(d));
    for (const ChangeRef& c : d.changes) {
      if (!is_new_post(c)) posts.insert(ChangeKey{c.post_id, c.event, c.signature});
    }
  }
  PgStatus s = decide_changes(
      "INSERT INTO announced_changes(post_id, event, signature, recorded_ms, recorded_by)"
      " SELECT post_id, event, signature, $2, $3 FROM input ORDER BY post_id, event, signature"
      " ON CONFLICT(post_id, event, signature) DO NOTHING RETURNING post_id, signature",
      now, posts);
  if (s.ok()) {
    s = decide_changes(
        "INSERT INTO pinged_feeds AS f(topic, signature, recorded_ms, recorded_by)"
        " SELECT post_id, signature, $2, $3 FROM input ORDER BY post_id"
        " ON CONFLICT(topic) DO UPDATE SET signature = excluded.signature, recorded_ms = excluded.recorded_ms,"
        "   recorded_by = excluded.recorded_by WHERE f.signature <> excluded.signature"
        " RETURNING topic AS post_id, signature",
        now, feeds);
  }
  if (!s.ok()) return s;
  lost->insert(posts.begin(), posts.end());
  lost->insert(feeds.begin(), feeds.end());
  return s;
}

// Runs `insert` over `keys` (the CTE `input`: post_id, event, signature;
// $2 now, $3 the instance), which returns (post_id, signature) of the rows
// it wrote: those keys are this instance's and leave `keys`, which keeps
// the others'.
PgStatus PgOutbox::decide_changes(std::string_view insert, std::int64_t now, std::set<ChangeKey>& keys) {
  if (keys.empty()) return {};
  boost::json::array rows;
  for (const ChangeKey& k : keys) {
    rows.push_back(boost::json::object{{"post_id", k[0]}, {"event", k[1]}, {"signature", k[2]}});
  }
  PgRows won;
  PgStatus s = exec(
      "WITH input AS (SELECT * FROM json_to_recordset($1::json) AS t(post_id text, event text, signature text)),"
      " won AS (" + std::string(insert) + ")"
      " SELECT input.post_id, input.event, input.signature FROM input"
      "   JOIN won ON won.post_id = input.post_id AND won.signature = input.signature",
      PgParams().text(boost::json::serialize(rows)).integer(now).text(options_.instance), &won);
  for (int r = 0; s.ok() && r < won.rows(); ++r) {
    keys.erase(ChangeKey{std::string(won.text(r, 0)), std::string(won.text(r, 1)), std::string(won.text(r, 2))});
  }
  return s;
}

PgStatus PgOutbox::insert_delivery(const NewDelivery& d, std::int64_t now) {
  PgRows rows;
  PgStatus s = exec(
      "INSERT INTO deliveries(post_id, target, event, message_id, payload, check_url, state,"
      " attempts, created_ms, post_date_ms, not_before_ms, lease_until_ms, finished_ms,"
      " last_status, last_error, last_error_ms, remote_id, remote_url, jump_queue,"
      " approval_deadline_ms, approve_on_timeout, resent_by)"
      " VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $11::bigint <> 0 THEN 'awaiting_approval' ELSE 'pending' END,"
      " 0, $7, $8, $9, 0, 0, 0, '', 0, '', '', $10, $12, $13, $14) RETURNING id",
      PgParams().text(d.post_id).text(d.target).text(d.event).text(d.message_id).bytes(d.payload).text(d.check_url)
          .integer(now).integer(d.post_date_ms).integer(d.not_before_ms).integer(d.jump_queue)
          .integer(d.awaiting_approval).integer(d.approval_deadline_ms).integer(d.approve_on_timeout)
          .text(d.resent_by),
      &rows);
  if (!s.ok() || !d.image) return s;
  const DeliveryImage& i = *d.image;
  return exec("INSERT INTO delivery_images(delivery_id, media_type, bytes, width, height, alt, note, url)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              PgParams().integer(rows.integer(0, 0)).text(i.media_type).bytes(i.bytes).integer(i.width)
                  .integer(i.height).text(i.alt).text(i.note).text(i.url));
}

Status PgOutbox::record(const OutboxPosts& posts, const std::vector<NewDelivery>& deliveries,
                        bool baseline, RecordOutcome* outcome) {
  std::string why;
  PgConnection* c = db(&why);
  if (c == nullptr) return Status::failed(why);
  const std::int64_t now = wall_clock_ms();
  PgTransaction txn(*c);
  PgStatus s = txn.begin();
  std::set<std::string> lost;  // posts another instance recorded first
  if (s.ok() && !posts.empty()) s = insert_posts(posts, now, &lost);
  std::set<ChangeKey> lost_changes;  // changes another instance recorded first
  if (s.ok()) s = insert_changes(deliveries, now, &lost_changes);
  RecordOutcome left_out;
  std::set<std::string> taken;
  for (const NewDelivery& d : deliveries) {
    if (!s.ok()) break;
    if (lost.count(d.post_id) && d.event == "post.published" && d.resent_by.empty()) {
      ++left_out.deliveries_dropped;
      taken.insert(d.post_id);
      continue;
    }
    if ((!d.change.empty() && lost_changes.count(change_key(d))) ||
        (!d.changes.empty() && all_taken(d.changes, lost, lost_changes))) {
      ++left_out.deliveries_dropped;
      continue;
    }
    if (d.replaces != 0) {
      PgRows replaced;
      s = exec("UPDATE deliveries SET payload = $2 WHERE id = $1 AND state = 'pending' AND attempts = 0",
               PgParams().integer(d.replaces).bytes(d.payload), &replaced);
      if (!s.ok() || replaced.affected() > 0) continue;
    }
    s = insert_delivery(d, now);
  }
  if (s.ok() && baseline) {
    s = exec("INSERT INTO meta(key, value) VALUES ('baseline', $1) ON CONFLICT(key) DO NOTHING",
             PgParams().text(std::to_string(now)));
  }
  if (s.ok()) s = txn.commit();
  left_out.posts_taken = taken.size();
  left_out.changes_taken = lost_changes.size();
  if (outcome) *outcome = s.ok() ? left_out : RecordOutcome{};
  return s.as_status();
}

std::optional<OutboxPost> PgOutbox::first_post(const std::string& where, const PgParams& params) {
  PgRows rows;
  if (!exec("SELECT id, title, url, source_path, date_ms FROM posts WHERE " + where +
                " ORDER BY date_ms DESC, id LIMIT 1",
            params, &rows).ok() ||
      rows.rows() == 0) {
    return std::nullopt;
  }
  return read_post(rows, 0);
}

std::optional<OutboxPost> PgOutbox::find_post(std::string_view q) {
  if (q.empty()) return std::nullopt;
  if (auto post = first_post("id = $1", PgParams().text(q))) return post;
  if (auto post = first_post("source_path = $1", PgParams().text(q))) return post;
  std::string other = q.back() == '/' ? std::string(q.substr(0, q.size() - 1)) : std::string(q) + "/";
  return first_post("url IN ($1, $2)", PgParams().text(q).text(other));
}

Result<std::set<std::string>> PgOutbox::image_urls_in_use() {
  PgRows rows;
  PgStatus s = exec("SELECT DISTINCT url FROM delivery_images WHERE url <> ''", {}, &rows);
  if (!s.ok()) return Result<std::set<std::string>>(s.as_status());
  std::set<std::string> urls;
  for (int r = 0; r < rows.rows(); ++r) urls.emplace(rows.text(r, 0));
  return urls;
}

}  // namespace herald
