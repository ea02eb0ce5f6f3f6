#include "daemon/outbox/retry_dead.h"

namespace herald {

Result<std::int64_t> retry_dead(Outbox& outbox, const std::string& target,
                                const std::string& post_ref, std::int64_t now_ms,
                                const std::string& actor) {
  std::string post_id;
  if (!post_ref.empty()) {
    std::optional<OutboxPost> post = outbox.find_post(post_ref);
    if (!post) {
      return Status::failed("no announced post matches \"" + post_ref +
                            "\" (give its id, file or URL)");
    }
    post_id = post->id;
  }
  std::int64_t requeued = outbox.requeue_dead(target, post_id, now_ms);
  if (requeued == 0) return requeued;
  Status audited = outbox.record_audit(
      AuditEntry{now_ms, actor, "retry", post_id, target, 0, std::to_string(requeued) + " requeued"});
  if (!audited.ok()) return audited;
  return requeued;
}

}  // namespace herald
