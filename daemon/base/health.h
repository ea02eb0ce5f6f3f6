// Health: what is wrong with `herald run` now, as /healthz, `herald status`,
// /metrics and the log tell it. Each problem has a stable reason name
// ("content_held", "writes_failing", ...: docs/reliability.md lists them), a
// detail a person can act on and the time it started. Raising a problem
// logs one error line, and again only when its detail changes; clearing it
// logs one line saying it ended. So a fault retried every few seconds is one
// line, not one per attempt or per file.
//
// Used on the daemon's loop only (not thread-safe).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace herald {

struct HealthProblem {
  std::string reason;  // stable name
  std::string detail;
  std::int64_t since_ms = 0;  // wall clock, when it started
};

class Health {
 public:
  // Starts problem `reason` at `now_ms`, or updates its detail (the start
  // time stays).
  void raise(const std::string& reason, const std::string& detail, std::int64_t now_ms);
  // Ends problem `reason`, if it was raised.
  void clear(const std::string& reason);

  bool ok() const { return problems_.empty(); }
  bool has(const std::string& reason) const { return problems_.count(reason) != 0; }
  // Every problem now, by reason.
  std::vector<HealthProblem> problems() const;

 private:
  std::map<std::string, HealthProblem> problems_;
};

}  // namespace herald
