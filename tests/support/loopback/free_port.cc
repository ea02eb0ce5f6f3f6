#include "tests/support/loopback/free_port.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>

#include "daemon/base/file_lock.h"

namespace herald::test {
namespace {

// Whether a listening socket could bind 127.0.0.1:`port` now.
bool can_bind(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return bound;
}

// The first port of the kernel's ephemeral range (where connect() and
// bind(0) take theirs).
int ephemeral_start() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  return in >> low ? low : 32768;
}

constexpr int kFirstPort = 10000;
constexpr int kBlockPorts = 100;

// Takes a block of kBlockPorts ports below the ephemeral range that no
// other test process holds: the lock of <tmp>/herald-test-ports/<first
// port>, held (its descriptor never closed, and closed on exec) until this
// process ends. Returns the block's first port, or 0 when none is left.
int take_port_block(int after) {
  const int top = ephemeral_start();
  std::error_code ignored;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "herald-test-ports";
  std::filesystem::create_directories(dir, ignored);
  for (int first = after; first + kBlockPorts <= top; first += kBlockPorts) {
    Result<FileLock> lock = lock_file((dir / std::to_string(first)).string());
    if (lock.ok() && lock->acquired()) {
      lock->fd.release();  // held until the process ends
      return first;
    }
  }
  return 0;
}

}  // namespace

int free_port() {
  static std::mutex mutex;
  static int block = 0;  // the first port of the block in use; 0: none yet
  static int next = 0;
  std::lock_guard lock(mutex);
  for (;;) {
    if (block == 0 || next == block + kBlockPorts) {
      block = take_port_block(block == 0 ? kFirstPort : block + kBlockPorts);
      if (block == 0) throw std::runtime_error("no free block of test ports below the ephemeral range");
      next = block;
    }
    const int port = next++;
    if (can_bind(port)) return port;  // else something outside the tests holds it
  }
}

}  // namespace herald::test
