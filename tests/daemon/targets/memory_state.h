// A TargetStateStore in memory for the drivers' tests: what was saved, by
// target name, readable by the test.
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
  std::map<std::string, std::string> saved;
};

}  // namespace herald::test
