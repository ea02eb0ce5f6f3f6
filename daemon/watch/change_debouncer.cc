#include "daemon/watch/change_debouncer.h"

#include <algorithm>

namespace herald {

void ChangeDebouncer::note(const std::string& path, Change change, Clock::time_point now) {
  last_change_ = now;
  auto [it, inserted] = pending_.try_emplace(path);
  Pending& p = it->second;
  switch (change) {
    case Change::kWriting:
      p.writing = true;
      p.since = now;
      break;
    case Change::kSettled:
      if (inserted || p.writing) p.since = now;
      p.writing = false;
      break;
    case Change::kTouched:
      if (inserted) p.since = now;
      break;
  }
}

void ChangeDebouncer::request_full_rescan(const std::string& reason, Clock::time_point now) {
  last_change_ = now;
  if (rescan_reason_) return;
  rescan_reason_ = reason;
  rescan_since_ = now;
}

std::optional<ChangeDebouncer::Clock::time_point> ChangeDebouncer::settled_deadline() const {
  std::optional<Clock::time_point> oldest;
  if (rescan_reason_) oldest = rescan_since_;
  for (const auto& [path, p] : pending_) {
    if (!p.writing && (!oldest || p.since < *oldest)) oldest = p.since;
  }
  if (!oldest) return std::nullopt;
  return std::min(last_change_ + timing_.quiet, *oldest + timing_.cap);
}

std::optional<ChangeDebouncer::Clock::time_point> ChangeDebouncer::deadline() const {
  std::optional<Clock::time_point> due = settled_deadline();
  for (const auto& [path, p] : pending_) {
    if (!p.writing) continue;
    Clock::time_point held_until = p.since + timing_.open_write_grace;
    if (!due || held_until < *due) due = held_until;
  }
  return due;
}

std::optional<ChangeBatch> ChangeDebouncer::take_due(Clock::time_point now) {
  std::optional<Clock::time_point> settled = settled_deadline();
  const bool settled_due = settled && *settled <= now;
  ChangeBatch batch;
  for (auto it = pending_.begin(); it != pending_.end();) {
    const Pending& p = it->second;
    bool due = p.writing ? p.since + timing_.open_write_grace <= now : settled_due;
    if (!due) {
      ++it;
      continue;
    }
    batch.paths.push_back(it->first);
    it = pending_.erase(it);
  }
  if (settled_due && rescan_reason_) {
    batch.full_rescan = true;
    batch.reason = *rescan_reason_;
    rescan_reason_.reset();
  } else {
    batch.reason = "watch";
  }
  if (batch.paths.empty() && !batch.full_rescan) return std::nullopt;
  return batch;
}

}  // namespace herald
