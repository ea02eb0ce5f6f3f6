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

std::optional<std::string> OutboxTargetState::load_progress(std::int64_t delivery_id) {
  Result<std::optional<std::string>> progress =
      outbox_.with([&](Outbox& outbox) { return outbox.delivery_progress(delivery_id); });
  if (!progress.ok()) {
    spdlog::error("outbox: delivery {}: cannot read its progress: {}", delivery_id, progress.error());
    return std::nullopt;
  }
  return *progress;
}

Status OutboxTargetState::save_progress(std::int64_t delivery_id, const std::string& progress) {
  Status status = outbox_.with(
      [&](Outbox& outbox) { return outbox.save_delivery_progress(delivery_id, progress, wall_clock_ms()); });
  if (!status.ok()) spdlog::error("outbox: delivery {}: cannot save its progress: {}", delivery_id, status.message);
  return status;
}

}  // namespace herald
