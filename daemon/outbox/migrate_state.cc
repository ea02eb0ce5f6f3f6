#include "daemon/outbox/migrate_state.h"

#include <filesystem>
#include <memory>

#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_pg_schema.h"

namespace herald {

Result<StateMigration> migrate_state(const Config& config) {
  if (!config.state.database) {
    return Status::failed("state.database is not set in " + config.path +
                          "; herald migrate-state copies the outbox of state.dir into the PostgreSQL database "
                          "it names (docs/configuration.md)");
  }
  StateMigration m{outbox_path(config), config.state.database->shown, {}};
  std::error_code ec;
  if (!std::filesystem::exists(m.source, ec)) {
    return Status::failed(m.source + ": no outbox to copy (state.dir is " + config.state.dir +
                          "; herald run creates the outbox there)");
  }
  // Held to the end: the lock keeps a herald from starting on state.dir meanwhile.
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(m.source, Outbox::Mode::read_write);
  if (!outbox.ok()) return outbox.status();
  SqliteDb source;
  SqliteStatus read = source.open(m.source, SqliteOptions{.read_only = true});
  if (!read.ok()) return read.as_status();
  PgConnection target;
  PgStatus s = target.connect(*config.state.database);
  if (s.ok()) s = migrate_outbox_pg(target).status;
  if (!s.ok()) return s.as_status();
  Result<std::vector<TableCopy>> copied = copy_outbox(source, target);
  if (!copied.ok()) return copied.status();
  m.tables = *std::move(copied);
  return m;
}

}  // namespace herald
