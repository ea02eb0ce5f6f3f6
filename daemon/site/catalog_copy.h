// The catalog index of state.dir (catalog.db) copied into this instance's
// rows in PostgreSQL, for `herald migrate-state`: the first start on
// state.database is then warm, as the last one on SQLite was. The rows are
// copied as stored, under the fingerprint they were stored with (the start
// drops them if its own differs), in one transaction, and counted again.
// Rows the instance already had in PostgreSQL are replaced path by path.
#pragma once

#include <cstdint>
#include <string>

#include "config/database_url.h"
#include "feeds/status.h"

namespace herald {

struct CatalogCopy {
  std::string source;     // <state.dir>/catalog.db
  bool found = false;     // false: no catalog.db (the first start builds it)
  std::int64_t rows = 0;  // copied, and counted again in PostgreSQL
};

Result<CatalogCopy> copy_catalog(const std::string& state_dir, const DatabaseConfig& database,
                                 const std::string& instance);

}  // namespace herald
