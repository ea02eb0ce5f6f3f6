// An exclusive advisory lock on a file (flock LOCK_EX | LOCK_NB), held while
// its descriptor is open: one owner at a time per lock file, released by the
// kernel when the owner exits or dies, however it dies. The owner writes its
// pid into the file so that a refused contender can name it.
//
// flock locks belong to an open file description: a second lock_file() in the
// same process is refused too, and a fork()ed child shares its parent's lock.
#pragma once

#include <string>

#include "daemon/base/unique_fd.h"
#include "feeds/status.h"

namespace herald {

// A try for the lock: either ours (fd valid, holding it) or another
// owner's (fd invalid; holder_pid the pid it wrote, 0 when unknown).
struct FileLock {
  UniqueFd fd;
  long holder_pid = 0;

  bool acquired() const { return fd.valid(); }
};

// Creates `path` when missing (mode 0600, never through a symbolic link) and tries to lock it. The Result
// holds the try, or why the file could not be opened or locked, naming
// `path` ("cannot open /x/outbox.db.lock: Permission denied").
Result<FileLock> lock_file(const std::string& path);

}  // namespace herald
