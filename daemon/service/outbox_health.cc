#include "daemon/service/outbox_health.h"

#include "daemon/outbox/shared_outbox.h"

namespace herald {

std::optional<std::string> outbox_problem(SharedOutbox& outbox, const std::string& state_dir,
                                          bool shared_database) {
  Status file = outbox.check_file();
  if (!file.ok() && shared_database) {
    return "outbox: " + file.message + "; herald keeps serving and rebuilding the feeds and connects again " +
           "(with backoff): new posts are announced, and deliveries made, once the database answers";
  }
  if (!file.ok()) {
    return "outbox: " + file.message + "; herald keeps serving and delivering, but what it records now is " +
           "lost when it stops: restart herald to recreate " + state_dir;
  }
  if (std::optional<std::string> failure = outbox.write_failure()) {
    return "outbox: cannot write: " + *failure + "; herald keeps serving the feeds and retries: new posts "
           "are announced, and deliveries recorded, once the outbox can be written again";
  }
  return std::nullopt;
}

}  // namespace herald
