#include "daemon/outbox/outbox_tables.h"

#include "daemon/outbox/outbox.h"

namespace herald {
namespace {

using K = ColumnKind;

constexpr OutboxColumn kMeta[] = {{"key", K::text}, {"value", K::text}};
constexpr OutboxColumn kPosts[] = {{"id", K::text},          {"title", K::text},   {"url", K::text},
                                   {"source_path", K::text}, {"date_ms", K::integer}, {"first_seen_ms", K::integer}};
constexpr OutboxColumn kDeliveries[] = {
    {"id", K::integer},           {"post_id", K::text},        {"target", K::text},
    {"event", K::text},           {"message_id", K::text},     {"payload", K::bytes},
    {"check_url", K::text},       {"state", K::text},          {"attempts", K::integer},
    {"created_ms", K::integer},   {"post_date_ms", K::integer}, {"not_before_ms", K::integer},
    {"lease_until_ms", K::integer}, {"finished_ms", K::integer}, {"last_status", K::integer},
    {"last_error", K::text},      {"last_error_ms", K::integer}, {"remote_id", K::text},
    {"remote_url", K::text},      {"jump_queue", K::integer},  {"approval_deadline_ms", K::integer},
    {"approve_on_timeout", K::integer}, {"resent_by", K::text}, {"lease_holder", K::text},
    {"sent_by", K::text}};
constexpr OutboxColumn kTargetState[] = {{"target", K::text}, {"state", K::bytes}, {"updated_ms", K::integer}};
constexpr OutboxColumn kDeliveryImages[] = {
    {"delivery_id", K::integer}, {"media_type", K::text}, {"bytes", K::bytes}, {"width", K::integer},
    {"height", K::integer},      {"alt", K::text},        {"note", K::text},   {"url", K::text}};
constexpr OutboxColumn kPaceState[] = {{"target", K::text},          {"last_sent_ms", K::integer},
                                       {"day", K::integer},          {"day_count", K::integer},
                                       {"held_until_ms", K::integer}, {"scheduled_ms", K::integer},
                                       {"reason", K::text}};
constexpr OutboxColumn kDeliveryProgress[] = {
    {"delivery_id", K::integer}, {"progress", K::bytes}, {"updated_ms", K::integer}};
constexpr OutboxColumn kAudit[] = {{"id", K::integer},     {"at_ms", K::integer},      {"actor", K::text},
                                   {"action", K::text},    {"post_id", K::text},       {"target", K::text},
                                   {"delivery_id", K::integer}, {"detail", K::text}};
constexpr OutboxColumn kAnnouncedChanges[] = {{"post_id", K::text},        {"event", K::text},
                                              {"signature", K::text},      {"recorded_ms", K::integer},
                                              {"recorded_by", K::text}};
constexpr OutboxColumn kPingedFeeds[] = {
    {"topic", K::text}, {"signature", K::text}, {"recorded_ms", K::integer}, {"recorded_by", K::text}};

constexpr OutboxTable kTables[] = {
    {"meta", kMeta},
    {"posts", kPosts},
    {"deliveries", kDeliveries, true},
    {"target_state", kTargetState},
    {"delivery_images", kDeliveryImages},
    {"pace_state", kPaceState},
    {"delivery_progress", kDeliveryProgress},
    {"audit", kAudit, true},
    {"announced_changes", kAnnouncedChanges},
    {"pinged_feeds", kPingedFeeds},
};

}  // namespace

std::span<const OutboxTable> outbox_tables() { return kTables; }

std::string due_kind_condition(DueKind kind) {
  if (kind == DueKind::any) return "";
  const std::string first = "(attempts = 0 AND last_error = '' AND jump_queue = 0)";
  return kind == DueKind::first_attempts ? first : "NOT " + first;
}

}  // namespace herald
