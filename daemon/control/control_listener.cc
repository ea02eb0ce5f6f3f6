#include "daemon/control/control_listener.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace herald {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

sockaddr_un socket_address(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.data(), path.size());
  return address;
}

UniqueFd unix_socket() { return UniqueFd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)); }

// Empty when `path` is free (absent, or a stale socket now removed).
std::string clear_stale_socket(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? std::string() : errno_text(errno);
  }
  if (!S_ISSOCK(st.st_mode)) return "the path exists and is not a socket (remove it or set control.socket)";
  UniqueFd probe = unix_socket();
  sockaddr_un address = socket_address(path);
  if (!probe.valid()) return errno_text(errno);
  if (::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    return "another herald is running (it answers there)";
  }
  if (errno != ECONNREFUSED) return "cannot tell whether another herald listens there: " + errno_text(errno);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return "cannot remove the stale socket: " + errno_text(errno);
  }
  return {};
}

// A 0700 directory beside `path` to bind in.
Result<std::string> make_private_dir(const std::string& path) {
  std::string::size_type slash = path.rfind('/');
  std::string parent = slash == std::string::npos ? "." : path.substr(0, slash);
  std::string pattern = (parent.empty() ? std::string() : parent) + "/.herald-XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    return Status::failed("cannot create a directory in " + (parent.empty() ? "/" : parent) + ": " +
                          errno_text(errno));
  }
  return pattern;
}

std::string bind_private(const std::string& temp_path, const std::string& path, UniqueFd& fd) {
  fd = unix_socket();
  if (!fd.valid()) return errno_text(errno);
  sockaddr_un address = socket_address(temp_path);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return "bind: " + errno_text(errno);
  }
  if (::chmod(temp_path.c_str(), 0600) != 0) return "chmod: " + errno_text(errno);
  if (::listen(fd.get(), 16) != 0) return "listen: " + errno_text(errno);
  if (::rename(temp_path.c_str(), path.c_str()) != 0) return "rename: " + errno_text(errno);
  return {};
}

}  // namespace

Result<ControlListener> listen_control_socket(const std::string& path) {
  auto fail = [&](const std::string& why) {
    return Result<ControlListener>::failed("cannot use the control socket " + path + ": " + why);
  };
  if (path.empty()) return fail("no path");
  if (path.size() > kMaxControlSocketPath) {
    return fail("the path is too long (" + std::to_string(path.size()) + " bytes; at most " +
                std::to_string(kMaxControlSocketPath) + ")");
  }
  if (std::string why = clear_stale_socket(path); !why.empty()) return fail(why);
  Result<std::string> made = make_private_dir(path);
  if (!made.ok()) return fail(made.error());
  const std::string& dir = *made;
  std::string temp_path = dir + "/s";
  ControlListener listener;
  std::string why = bind_private(temp_path, path, listener.fd);
  ::unlink(temp_path.c_str());
  ::rmdir(dir.c_str());
  if (!why.empty()) return fail(why);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return fail(errno_text(errno));
  listener.device = st.st_dev;
  listener.inode = st.st_ino;
  return listener;
}

void remove_control_socket(const std::string& path, const ControlListener& listener) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;
  if (st.st_dev == listener.device && st.st_ino == listener.inode) ::unlink(path.c_str());
}

}  // namespace herald
