// The outbox `herald run` opens at a start, off the loop: a SQLite file's
// quick_check reads all of it (seconds for a site of a million posts, more
// when the file is not in the page cache) and a shared PostgreSQL outbox
// tries its server once, while the loop already serves the feeds on disk.
#pragma once

#include <cstdint>
#include <memory>

#include "config/config.h"
#include "daemon/outbox/outbox.h"
#include "feeds/status.h"

namespace herald {

struct OpenedOutbox {
  // Read-write, with the deliveries the last stop interrupted made due
  // again (`resumed` of them); its error is the start's.
  Result<std::unique_ptr<Outbox>> writer = Status::failed("not opened");
  std::int64_t resumed = 0;
  // A connection of its own for control commands' reads; without it they
  // share the writer.
  Result<std::unique_ptr<Outbox>> reader = Status::failed("not opened");
};

// Makes config.state.dir (private) and opens its outbox (state_outbox.h).
// Thread-safe: touches nothing but the outbox's files or database.
OpenedOutbox open_run_outbox(const Config& config, std::int64_t now_ms);

}  // namespace herald
