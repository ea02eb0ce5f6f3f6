#include "daemon/delivery/target_state_store.h"

#include <spdlog/spdlog.h>

#include "daemon/base/wall_clock.h"

namespace herald {

std::optional<std::string> OutboxTargetState::load(const std::string& target) {
  Result<std::optional<std::string>> state =
      outbox_.with([&](Outbox& outbox) { return outbox.target_state(target); });
  if (!state.ok()) {
    spdlog::error("outbox: target {}: cannot read its saved state: {}", target, state.error());
    return std::nullopt;
  }
  return *state;
}

void OutboxTargetState::save(const std::string& target, const std::string& state) {
  Status status = outbox_.with(
      [&](Outbox& outbox) { return outbox.save_target_state(target, state, wall_clock_ms()); });
  if (!status.ok()) spdlog::error("outbox: target {}: cannot save its state: {}", target, status.message);
}

}  // namespace herald
