// Private files: herald's state (the outbox holds credentials, the catalog
// every draft) is readable by herald's user only, whatever the umask: the
// state directory is 0700, database files and their companions 0600, and a
// symbolic link planted in their place is refused, never followed.
#pragma once

#include <string>

#include "feeds/status.h"

namespace herald {

// Creates `dir` (and missing parents) and makes `dir` itself 0700. Fails,
// naming the directory, when it cannot be created or its mode set.
Status make_private_directory(const std::string& dir);

// Makes the file at `path` 0600, creating it empty when `create` and missing;
// the SQLite companions "<path>-wal" and "<path>-shm" too when they exist.
// A file that is missing (without `create`) or cannot be reached is left to
// the opener to report. Fails on a symbolic link, or when the mode cannot be set.
Status make_private_file(const std::string& path, bool create);

}  // namespace herald
