#include "daemon/outbox/retry_dead.h"

namespace herald {

Result<std::int64_t> retry_dead(Outbox& outbox, const std::string& target,
                                const std::string& post_ref, std::int64_t now_ms) {
  std::string post_id;
  if (!post_ref.empty()) {
    std::optional<OutboxPost> post = outbox.find_post(post_ref);
    if (!post) {
      return Status::failed("no announced post matches \"" + post_ref +
                            "\" (give its id, file or URL)");
    }
    post_id = post->id;
  }
  return outbox.requeue_dead(target, post_id, now_ms);
}

}  // namespace herald
