// OutboxTargetState: the TargetStateStore of the daemon (target_driver.h),
// kept in the outbox's target_state and delivery_progress tables. Safe from any thread (it goes
// through SharedOutbox); failures are logged, never thrown.
#pragma once

#include "daemon/outbox/shared_outbox.h"
#include "daemon/targets/target_driver.h"

namespace herald {

class OutboxTargetState : public TargetStateStore {
 public:
  explicit OutboxTargetState(SharedOutbox& outbox) : outbox_(outbox) {}
  std::optional<std::string> load(const std::string& target) override;
  void save(const std::string& target, const std::string& state) override;
  std::optional<std::string> load_progress(std::int64_t delivery_id) override;
  Status save_progress(std::int64_t delivery_id, const std::string& progress) override;

 private:
  SharedOutbox& outbox_;
};

}  // namespace herald
