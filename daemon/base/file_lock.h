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

namespace herald {

enum class FileLockResult { acquired, held, failed };

// Creates `path` when missing (mode 0644) and tries to lock it.
// acquired: *fd holds the lock. held: another owner has it; *holder_pid is
// the pid it wrote (0 when unknown). failed: *error says why (naming `path`).
FileLockResult lock_file(const std::string& path, UniqueFd* fd, long* holder_pid, std::string* error);

}  // namespace herald
