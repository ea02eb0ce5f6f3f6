// The changes seen in a watched content tree that are not yet delivered, and
// when to deliver them. Pure: no clock, no I/O; callers pass `now`.
//
// A path is "settled" (closed after writing, moved, deleted, found in a new
// directory) or "writing" (created or modified and not yet closed). Settled
// paths are delivered together once no change came for `quiet`, or at the
// latest `cap` after the oldest of them settled. A writing path is held until
// it settles, or until `open_write_grace` passes without a change to it (a
// writer that never closes). A requested full rescan is delivered like a
// settled path.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace herald {

// What the content watcher hands to the daemon. Events are hints: the daemon
// stats, reads and diffs these paths itself.
struct ChangeBatch {
  // Relative to the content root, '/' separated, sorted, unique: post files
  // (per the ContentFilter) created, written, moved in or out, or deleted.
  std::vector<std::string> paths;
  // The daemon must rescan the whole tree; `paths` may then be incomplete.
  bool full_rescan = false;
  // For logs: "watch", "overflow", "directory-removed", "periodic", "poll".
  std::string reason;
};

struct DebounceTiming {
  std::chrono::milliseconds quiet{10};
  std::chrono::milliseconds cap{500};
  std::chrono::milliseconds open_write_grace{2000};
};

class ChangeDebouncer {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Change {
    kWriting,  // created or modified, still open (IN_CREATE, IN_MODIFY)
    kSettled,  // closed, moved or deleted (IN_CLOSE_WRITE, IN_MOVED_*, IN_DELETE)
    kTouched,  // metadata changed or found by a scan: settled unless already writing
  };

  explicit ChangeDebouncer(DebounceTiming timing) : timing_(timing) {}

  void note(const std::string& path, Change change, Clock::time_point now);
  // The first reason requested since the last delivery is kept.
  void request_full_rescan(const std::string& reason, Clock::time_point now);

  // When take_due() will next return a batch; nullopt when nothing is pending.
  std::optional<Clock::time_point> deadline() const;
  // The batch due at `now` (reason "watch" unless a full rescan was
  // requested), removed from the pending set; nullopt when none is due.
  std::optional<ChangeBatch> take_due(Clock::time_point now);

  bool empty() const { return pending_.empty() && !rescan_reason_; }

 private:
  struct Pending {
    bool writing = false;
    Clock::time_point since;  // settled: when it settled; writing: its last change
  };
  std::optional<Clock::time_point> settled_deadline() const;

  DebounceTiming timing_;
  std::map<std::string, Pending> pending_;
  std::optional<std::string> rescan_reason_;
  Clock::time_point rescan_since_;
  Clock::time_point last_change_;
};

}  // namespace herald
