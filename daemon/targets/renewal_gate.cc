#include "daemon/targets/renewal_gate.h"

#include <utility>

namespace herald {

void RenewalGate::end() {
  if (!busy_) return;
  busy_ = false;
  ++generation_;
  std::vector<std::function<void()>> waiters = std::move(waiters_);
  waiters_.clear();
  for (std::function<void()>& wake : waiters) wake();
}

}  // namespace herald
