// The listening end of the control socket, made safely:
// - mode 0600 from the first instant: the socket is bound in a fresh 0700
//   directory beside its final path, chmod'ed 0600, then renamed into place
//   (no umask change: umask is process-wide and racy with other threads);
// - a stale socket file (nothing answers on it: a daemon that died) is
//   replaced; a live one (another daemon answers) is an error; any other
//   kind of file at the path is an error, never deleted.
// The parent directory must exist (under systemd it is StateDirectory=,
// mode 0700). The path must fit sockaddr_un with the temporary directory
// name added: at most kMaxControlSocketPath bytes.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

#include "daemon/base/unique_fd.h"
#include "feeds/status.h"

namespace herald {

inline constexpr std::size_t kMaxControlSocketPath = 107 - 18;

struct ControlListener {
  UniqueFd fd;      // listening, close-on-exec, blocking (the caller may change it)
  dev_t device = 0; // identity of the socket file, so that only our own file is removed
  ino_t inode = 0;
};

// The Result holds the listener, or why there is none, e.g. "cannot use the
// control socket /run/h/control.sock: another herald is running (it answers
// there)".
Result<ControlListener> listen_control_socket(const std::string& path);

// Unlinks `path` when it is still the file `listener` created.
void remove_control_socket(const std::string& path, const ControlListener& listener);

}  // namespace herald
