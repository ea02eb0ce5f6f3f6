// Every Outbox method (outbox.h) declared as an override, written once for
// the engines' classes to hold: SqliteOutbox (outbox_impl.h) and PgOutbox
// (pg_outbox_impl.h). A method added to Outbox is added here.
#pragma once

// clang-format off
#define HERALD_OUTBOX_OVERRIDES \
  bool has_baseline() override; \
  Status unseen(const std::vector<std::string>& ids, std::vector<std::string>* out) override; \
  Status record(const OutboxPosts& posts, const std::vector<NewDelivery>& deliveries, bool baseline, \
                RecordOutcome* outcome) override; \
  std::optional<OutboxPost> find_post(std::string_view id_path_or_url) override; \
  Result<std::set<std::string>> image_urls_in_use() override; \
  std::int64_t recover_in_flight(std::int64_t now_ms) override; \
  Status claim(const std::string& target, std::int64_t now_ms, std::int64_t lease_ms, \
                     int limit, std::vector<Delivery>* out) override; \
  Status claim_many(const std::vector<ClaimRequest>& requests, std::int64_t now_ms, std::int64_t lease_ms, \
                    std::vector<Delivery>* out) override; \
  Status finish(const std::vector<DeliveryOutcome>& outcomes) override; \
  bool has_unattempted(const std::string& target, const std::string& post_id) override; \
  std::optional<std::pair<std::int64_t, std::string>> unattempted_of(const std::string& target, \
                                                                     const std::string& event) override; \
  std::optional<std::int64_t> next_due(const std::string& target) override; \
  std::optional<std::int64_t> next_due(const std::string& target, DueKind kind) override; \
  std::vector<std::pair<std::int64_t, std::int64_t>> leases(const std::string& target) override; \
  Result<std::int64_t> shift_waits(std::int64_t step_ms, std::int64_t before_ms, std::int64_t after_ms) override; \
  std::optional<std::int64_t> wall_mark() override; \
  Status set_wall_mark(std::int64_t ms) override; \
  Result<TargetPace> pace(const std::string& target) override; \
  Status save_pace(const std::string& target, const TargetPace& pace) override; \
  std::map<std::string, TargetPace> paces() override; \
  std::int64_t skip_stale(const std::string& target, std::int64_t posted_before_ms, \
                          const std::string& reason, std::int64_t now_ms) override; \
  std::vector<TargetCounts> counts() override; \
  std::vector<TargetBacklog> backlog() override; \
  std::vector<PostDeliveries> list(const ListFilter& filter) override; \
  std::optional<PostDeliveries> post_deliveries(const std::string& post_id) override; \
  Result<std::int64_t> change_counter() override; \
  std::int64_t stop_target(const std::string& target, const std::string& reason, std::int64_t now_ms) override; \
  std::int64_t requeue_dead(const std::string& target, const std::string& post_id, std::int64_t now_ms) override; \
  std::optional<Delivery> delivery(std::int64_t id) override; \
  std::vector<Delivery> awaiting_approval(const std::string& post_id, const std::string& target) override; \
  Result<bool> approve(std::int64_t id, const std::optional<std::string>& payload, const AuditEntry& audit) override; \
  Result<bool> reject(std::int64_t id, const AuditEntry& audit) override; \
  Result<ExpiredApprovals> expire_approvals(std::int64_t now_ms) override; \
  Status record_audit(const AuditEntry& entry) override; \
  std::vector<AuditEntry> audit(const std::string& post_id, int limit) override; \
  Result<std::optional<std::string>> target_state(const std::string& target) override; \
  Status save_target_state(const std::string& target, const std::string& state, \
                                 std::int64_t now_ms) override; \
  Result<std::optional<std::string>> delivery_progress(std::int64_t delivery_id) override; \
  Status save_delivery_progress(std::int64_t delivery_id, const std::string& progress, std::int64_t now_ms) override; \
  const std::string& path() const override; \
  Status check_file() override; \
  static_assert(true, "")
// clang-format on
