#include "daemon/cli/cli_migrate_state.h"

#include <iostream>

#include "daemon/cli/cli_control.h"
#include "daemon/cli/cli_table.h"
#include "daemon/outbox/state_outbox.h"
#include "daemon/site/catalog_copy.h"

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
         " tables, each counted again in PostgreSQL. The SQLite outbox is left as it was; herald run with "
         "this configuration uses the PostgreSQL one\n";
}

std::string render_catalog_copy(const Result<CatalogCopy>& copy, const std::string& instance) {
  const std::string rebuilt = "; the first start of instance \"" + instance + "\" reads every post file\n";
  if (!copy.ok()) return "herald: the catalog index was not copied (" + copy.error() + ")" + rebuilt;
  if (!copy->found) return "herald: no catalog index in " + copy->source + rebuilt;
  return "herald: copied the catalog index " + copy->source + " (" + std::to_string(copy->rows) +
         " post files) into the rows of instance \"" + instance + "\"\n";
}

int run_migrate_state(const Config& config) {
  Result<StateMigration> migrated = migrate_state(config);
  if (!migrated.ok()) {
    std::cerr << "herald: migrate-state: " << migrated.error() << "\n";
    return kCliFailed;
  }
  std::cout << render_state_migration(*migrated);
  // The catalog is a cache: a copy that fails costs the first start its
  // warmth, not the migration.
  const std::string instance = instance_name(config);
  std::cout << render_catalog_copy(copy_catalog(config.state.dir, *config.state.database, instance), instance);
  return kCliOk;
}

}  // namespace herald
