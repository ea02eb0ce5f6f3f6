#include "daemon/service/outbox_opening.h"

#include "daemon/base/private_files.h"
#include "daemon/outbox/state_outbox.h"

namespace herald {

OpenedOutbox open_run_outbox(const Config& config, std::int64_t now_ms) {
  OpenedOutbox opened;
  // The SQLite outbox makes the state directory; with a shared outbox the
  // control socket and the catalog cache still live there.
  if (Status made = make_private_directory(config.state.dir); !made.ok()) {
    opened.writer = made;
    return opened;
  }
  Result<std::unique_ptr<Outbox>> writer = open_state_outbox(config, Outbox::Mode::read_write, true);
  if (!writer.ok()) {
    opened.writer = Status::failed("cannot open the outbox: " + writer.error());
    return opened;
  }
  opened.resumed = (*writer)->recover_in_flight(now_ms);
  opened.writer = std::move(writer);
  opened.reader = open_state_outbox(config, Outbox::Mode::read_only, true);
  return opened;
}

}  // namespace herald
