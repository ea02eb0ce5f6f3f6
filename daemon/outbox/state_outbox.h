// Which outbox `herald run` keeps: SQLite in state.dir (outbox.h), or the
// PostgreSQL database of state.database shared with other instances
// (pg_outbox.h), under this instance's name.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "daemon/outbox/outbox.h"
#include "feeds/status.h"

namespace herald {

// state.instance, else the host's name (pg_outbox.h default_instance_name).
std::string instance_name(const Config& config);

// The outbox of `config` in `mode`. With state.database and
// `wait_for_database`, a database that cannot be reached yet still gives
// an outbox, which connects when it can (pg_outbox.h: Losing the
// database); the schema is migrated then.
Result<std::unique_ptr<Outbox>> open_state_outbox(const Config& config, Outbox::Mode mode,
                                                  bool wait_for_database = false);

}  // namespace herald
