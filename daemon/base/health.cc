#include "daemon/base/health.h"

#include <spdlog/spdlog.h>

namespace herald {

void Health::raise(const std::string& reason, const std::string& detail, std::int64_t now_ms) {
  auto [it, added] = problems_.try_emplace(reason, HealthProblem{reason, detail, now_ms});
  if (!added && it->second.detail == detail) return;
  it->second.detail = detail;
  spdlog::error("{}", detail);
}

void Health::clear(const std::string& reason) {
  auto it = problems_.find(reason);
  if (it == problems_.end()) return;
  spdlog::info("{}: resolved ({})", reason, it->second.detail);
  problems_.erase(it);
}

std::vector<HealthProblem> Health::problems() const {
  std::vector<HealthProblem> out;
  for (const auto& [reason, problem] : problems_) out.push_back(problem);
  return out;
}

}  // namespace herald
