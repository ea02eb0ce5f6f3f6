#include "daemon/cli/cli_migrate_state.h"

#include <iostream>

#include "daemon/cli/cli_control.h"
#include "daemon/cli/cli_table.h"

namespace herald {

std::string render_state_migration(const StateMigration& m) {
  std::int64_t rows = 0;
  TextTable table({"table", "rows"});
  table.align_right(1);
  for (const TableCopy& t : m.tables) {
    table.add_row({t.table, std::to_string(t.rows)});
    rows += t.rows;
  }
  return "herald: copied " + m.source + " into " + m.target + " in one transaction\n" + table.render() +
         "herald: " + std::to_string(rows) + " rows in " + std::to_string(m.tables.size()) +
         " tables, each counted again in PostgreSQL. The SQLite outbox is unchanged; herald run still uses it "
         "(the PostgreSQL outbox is not served yet)\n";
}

int run_migrate_state(const Config& config) {
  Result<StateMigration> migrated = migrate_state(config);
  if (!migrated.ok()) {
    std::cerr << "herald: migrate-state: " << migrated.error() << "\n";
    return kCliFailed;
  }
  std::cout << render_state_migration(*migrated);
  return kCliOk;
}

}  // namespace herald
