// OutboxTargetState: the TargetStateStore of the daemon (target_driver.h),
// kept in the outbox's target_state table. Safe from any thread (it goes
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

 private:
  SharedOutbox& outbox_;
};

}  // namespace herald
