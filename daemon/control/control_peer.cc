#include "daemon/control/control_peer.h"

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace herald {

std::string control_peer_user(int fd) {
  struct ucred cred {};
  socklen_t length = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0 || length != sizeof cred) return "cli";
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  struct passwd entry {};
  struct passwd* found = nullptr;
  if (::getpwuid_r(cred.uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr) {
    return found->pw_name;
  }
  return "uid " + std::to_string(cred.uid);
}

}  // namespace herald
