// Internals of the outbox shared by outbox.cc (schema, opening, the
// announcer) and outbox_deliveries.cc (the delivery engine, the editors).
// Not for other modules: outbox.h is the interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/base/sqlite_db.h"
#include "daemon/base/unique_fd.h"
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_overrides.h"

namespace herald {
namespace outbox_internal {

// Every delivery column, in read_delivery() order.
inline constexpr char kDeliveryColumns[] =
    "id, post_id, target, event, message_id, payload, check_url, state, attempts, created_ms,"
    " post_date_ms, not_before_ms, lease_until_ms, finished_ms, last_status, last_error, remote_id,"
    " remote_url, jump_queue, approval_deadline_ms, resent_by, sent_by";
// The same, with an empty payload (list()).
inline constexpr char kDeliveryColumnsNoPayload[] =
    "id, post_id, target, event, message_id, x'', check_url, state, attempts, created_ms,"
    " post_date_ms, not_before_ms, lease_until_ms, finished_ms, last_status, last_error, remote_id,"
    " remote_url, jump_queue, approval_deadline_ms, resent_by, sent_by";

Delivery read_delivery(const SqliteStatement& row);
OutboxPost read_post(const SqliteStatement& row);  // id, title, url, source_path, date_ms
Status to_outbox(const SqliteStatus& s);
// Steps `stmt` to the end and resets it; the number of rows it returned.
std::int64_t count_rows(SqliteStatement& stmt, SqliteStatus* status);

}  // namespace outbox_internal

// The SQLite outbox (outbox.h): Outbox::open makes one.
class SqliteOutbox final : public Outbox {
 public:
  struct Impl;
  explicit SqliteOutbox(std::unique_ptr<Impl> impl);
  ~SqliteOutbox() override;

  HERALD_OUTBOX_OVERRIDES;

 private:
  std::unique_ptr<Impl> impl_;
};

struct SqliteOutbox::Impl {
  std::string path;
  UniqueFd lock;  // destroyed after db: the lock outlives the connection
  SqliteDb db;
  std::uint64_t dev = 0, ino = 0;  // the file opened (read_write)
  SqliteStatement post_known;
  SqliteStatement upsert_post;
  SqliteStatement insert_delivery;
  SqliteStatement claim;
  SqliteStatement claim_unpaced;  // retries, probes and jump_queue deliveries (paced targets)
  SqliteStatement claim_fresh;    // first attempts, oldest post first
  SqliteStatement claim_fresh_newest;
  SqliteStatement finish_sent;
  SqliteStatement finish_retry;
  SqliteStatement finish_dead;
  SqliteStatement finish_url_pending;
  SqliteStatement insert_image;
  SqliteStatement select_image;
  SqliteStatement delete_image;
  SqliteStatement delete_progress;

  SqliteStatus open_read_write();
  SqliteStatus open_read_only();
  SqliteStatus move_aside_and_refuse(const SqliteStatus& corrupt);
  // The file opened: its identity now, for check_file().
  void remember_file();
  SqliteStatus prepare_statements();
  SqliteStatus finish_one(const DeliveryOutcome& outcome);
  // outbox_images.cc: the image variant of the delivery whose message_id is
  // `message_id` (inserted in the same transaction); the variants of
  // claimed deliveries; a sent delivery's variant dropped.
  SqliteStatus insert_image_of(const std::string& message_id, const DeliveryImage& image);
  // Whether delivery `id` is pending and never attempted; its payload replaced (record()).
  bool still_unattempted(std::int64_t id);
  SqliteStatus replace_payload(std::int64_t id, std::string_view payload);
  // Keeps the changes `d` announces (NewDelivery::change, changes) as a
  // shared outbox would, so a copy to PostgreSQL carries what was
  // announced; one instance leaves nothing out.
  SqliteStatus note_changes(const NewDelivery& d, std::int64_t now);
  SqliteStatus note_change(const ChangeRef& change, std::int64_t now);
  SqliteStatus load_images(std::vector<Delivery>& deliveries, std::size_t first);
  SqliteStatus drop_image(std::int64_t delivery_id);
  // Drops what a sent delivery no longer needs: its image and its progress.
  SqliteStatus drop_sent(std::int64_t delivery_id);
  // Claims with `stmt` (?1 target, ?2 now, ?3 lease end, ?4 limit), appending in post order.
  SqliteStatus claim_with(SqliteStatement& stmt, const std::string& target, std::int64_t now_ms,
                          std::int64_t lease_ms, int limit, std::vector<Delivery>* out);
  // The newest post matching `where` (with ?1 = a, and ?2 = b unless empty).
  std::optional<OutboxPost> first_post(const char* where, std::string_view a, std::string_view b = {});
  // Runs an UPDATE ... RETURNING id in its own transaction; how many rows.
  std::int64_t update_counting(SqliteStatement& update);
};

}  // namespace herald
