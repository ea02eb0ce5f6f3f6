// A TargetStateStore in memory for the drivers' tests: what was saved, by
// target name and by delivery id (progress), readable by the test.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald::test {

class MemoryState : public TargetStateStore {
 public:
  std::optional<std::string> load(const std::string& target) override {
    auto found = saved.find(target);
    if (found == saved.end()) return std::nullopt;
    return found->second;
  }
  void save(const std::string& target, const std::string& state) override { saved[target] = state; }
  std::optional<std::string> load_progress(std::int64_t delivery_id) override {
    auto found = progress.find(delivery_id);
    if (found == progress.end()) return std::nullopt;
    return found->second;
  }
  Status save_progress(std::int64_t delivery_id, const std::string& text) override {
    progress[delivery_id] = text;
    return {};
  }
  std::map<std::string, std::string> saved;
  std::map<std::int64_t, std::string> progress;
};

}  // namespace herald::test
