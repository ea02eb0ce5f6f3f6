// Corrupt files: a database SQLite cannot use (not a database, corrupt, a
// schema this herald does not know) is never silently replaced or deleted.
// It is renamed, with its "-wal" and "-shm" companions, to
// "<path>.corrupt-<UTC time>" beside it, where the operator can inspect or
// recover it (`sqlite3 <moved> .recover`).
#pragma once

#include <cstdint>
#include <string>

#include "feeds/status.h"

namespace herald {

// Renames `path` to a free "<path>.corrupt-YYYYMMDDTHHMMSSZ[-n]" (the UTC
// time `now_ms`), and "<path>-wal"/"<path>-shm", when they exist, to that
// name + "-wal"/"-shm" (SQLite reads them together). The Result holds the
// new name, or why the file could not be moved (naming both paths).
Result<std::string> move_aside_corrupt(const std::string& path, std::int64_t now_ms);

// A file moved aside from `path` by move_aside_corrupt ("" when none): the
// newest by name.
std::string find_moved_aside(const std::string& path);

}  // namespace herald
