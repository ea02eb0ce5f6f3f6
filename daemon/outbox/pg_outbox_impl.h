// Internals of the PostgreSQL outbox (pg_outbox.h) shared by pg_outbox.cc
// (connection, the announcer), pg_outbox_deliveries.cc (the delivery
// engine) and pg_outbox_editors.cc (editors, approval, pace, target state).
// Not for other modules: outbox.h and pg_outbox.h are the interface.
#pragma once

#include <array>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "daemon/outbox/outbox_overrides.h"
#include "daemon/outbox/pg_outbox.h"
#include "daemon/postgres/pg_connection.h"

namespace herald {

// A change's key in announced_changes: post id, event, signature.
using ChangeKey = std::array<std::string, 3>;

class PgOutbox final : public Outbox {
 public:
  PgOutbox(const DatabaseConfig& database, PgOutboxOptions options);
  ~PgOutbox() override;
  // Connects (and, read_write, migrates); open_pg_outbox's first step.
  Status start();

  HERALD_OUTBOX_OVERRIDES;

 private:
  // The connection; nullptr (with *why) when the database cannot be reached
  // now. A broken one is connected again, once the backoff passed, on a
  // thread of its own (attempt_): this call never waits for it, a later
  // one takes the connection it made.
  PgConnection* db(std::string* why = nullptr);
  // Connects now; read_write also migrates and takes this instance's name.
  PgStatus attach();
  // A reader's connection broke under a statement: connects again now,
  // whatever the backoff (nullptr while a background attempt runs, or failing).
  PgConnection* connect_now();
  // Notes how a connection attempt ended: the backoff reset, or the next
  // attempt's time and why the database cannot be reached.
  void settle(const PgStatus& attempt);
  // Runs one statement; a broken connection is closed (the next call connects again).
  PgStatus exec(std::string_view sql, const PgParams& params = {}, PgRows* rows = nullptr);
  // The connection broke (`failure` says how): closed, the next call connects again.
  void lost(const PgStatus& failure);
  // exec() of an UPDATE/DELETE; the rows it touched (0 on failure).
  std::int64_t exec_counting(std::string_view sql, const PgParams& params);
  std::optional<OutboxPost> first_post(const std::string& where, const PgParams& params);
  std::vector<Delivery> read_deliveries(const std::string& sql, const PgParams& params);
  Result<bool> decide_once(const std::string& update, const PgParams& params, const AuditEntry& audit);
  // Each target's sent deliveries by sender (TargetCounts::sent_by).
  void add_senders(std::vector<TargetCounts>& counts);
  PgStatus finish_sent(const std::vector<DeliveryOutcome>& outcomes);
  PgStatus insert_delivery(const NewDelivery& d, std::int64_t now);
  PgStatus insert_changes(const std::vector<NewDelivery>& deliveries, std::int64_t now, std::set<ChangeKey>* lost);
  PgStatus decide_changes(std::string_view insert, std::int64_t now, std::set<ChangeKey>& keys);
  PgStatus insert_posts(const OutboxPosts& posts, std::int64_t now, std::set<std::string>* lost);

  // Why the database cannot be reached ("" while connected), for
  // check_file() from any thread.
  void note_reachable(const std::string& why);

  DatabaseConfig database_;
  mutable std::mutex unreachable_mutex_;
  std::string unreachable_;  // GUARDED_BY(unreachable_mutex_)
  PgOutboxOptions options_;
  PgConnection connection_;
  std::string last_failure_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  struct Attempt {
    PgStatus status;
    PgConnection connection;
  };
  std::future<Attempt> attempt_;  // a connection attempt under way (std::async: its end is awaited at destruction)
  bool listening_ = false;     // this connection LISTENs on kOutboxChannel
  std::int64_t notified_ = 0;  // change_counter(): notifications seen, and reconnections
};

}  // namespace herald
