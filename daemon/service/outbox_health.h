// Outbox health: what the loop reports as the "outbox" problem (base/
// health.h) while `herald run` keeps serving the feeds. Two faults:
// - its writes fail (the disk full or failing, the file locked by another
//   process past the busy timeout), as the announcer, the delivery engine
//   and the hub pings saw them (SharedOutbox::note_write): nothing is lost,
//   new posts are announced and outcomes recorded once a write succeeds;
// - its file was deleted or replaced under the daemon (the state directory
//   removed or moved): SQLite goes on writing to the unlinked file, so what
//   it records is lost at the next restart, which recreates the directory.
// - with state.database, the database cannot be reached: herald keeps
//   serving and rebuilding the feeds, records nothing it cannot keep, and
//   connects again with backoff (daemon/outbox/pg_outbox.h).
// docs/reliability.md and docs/operations.md tell the operator what to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace herald {

class SharedOutbox;

// The detail to raise as "outbox", or nullopt when the outbox is well.
// `state_dir` is the configured state directory; `shared_database`, whether
// the outbox is state.database's.
std::optional<std::string> outbox_problem(SharedOutbox& outbox, const std::string& state_dir,
                                          bool shared_database = false);

}  // namespace herald
