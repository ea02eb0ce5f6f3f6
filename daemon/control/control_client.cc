#include "daemon/control/control_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "daemon/base/unique_fd.h"

namespace herald {
namespace {

using Clock = std::chrono::steady_clock;

// Replies are bounded too (a `list` of thousands of posts is a few MiB).
constexpr std::size_t kMaxReplyBytes = 256u << 20;

ControlReply failure(ControlReply::Kind kind, std::string message) {
  ControlReply reply;
  reply.kind = kind;
  reply.error = std::move(message);
  return reply;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits for `events` on `fd` until `deadline`; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return true;  // let the next call report the error
  }
}

// Connects (non-blocking); a full backlog is retried until the deadline.
ControlReply connect_to(int fd, const std::string& path, Clock::time_point deadline) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) {
    return failure(ControlReply::Kind::error, "the control socket path is too long: " + path);
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  for (;;) {
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
      return failure(ControlReply::Kind::ok, {});
    }
    int err = errno;
    if (err == ENOENT || err == ECONNREFUSED) {
      return failure(ControlReply::Kind::down, "nothing listens on " + path);
    }
    if ((err == EAGAIN || err == EINTR) && remaining_ms(deadline) > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    return failure(ControlReply::Kind::error,
                   "cannot connect to " + path + ": " + std::strerror(err));
  }
}

// What a send or a read came to: done, out of time, or failed (error set).
struct IoStatus {
  bool timed_out = false;
  std::string error;
};

IoStatus send_all(int fd, const std::string& bytes, Clock::time_point deadline) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(fd, POLLOUT, deadline)) return {true, {}};
    } else {
      return {false, std::strerror(errno)};
    }
  }
  return {};
}

// Reads up to the first "\n" (excluded) or the end of the stream.
IoStatus read_line(int fd, Clock::time_point deadline, std::string* line) {
  char chunk[65536];
  for (;;) {
    std::string::size_type newline = line->find('\n');
    if (newline != std::string::npos) {
      line->resize(newline);
      return {};
    }
    if (line->size() > kMaxReplyBytes) return {false, "the reply is too large"};
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      line->append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0) {
      return {};
    } else if (errno == EAGAIN || errno == EINTR) {
      if (!wait_for(fd, POLLIN, deadline)) return {true, {}};
    } else {
      return {false, std::strerror(errno)};
    }
  }
}

}  // namespace

ControlReply call_daemon(const std::string& socket_path, const std::string& command,
                         const boost::json::object& args, std::chrono::milliseconds timeout) {
  Clock::time_point deadline = Clock::now() + timeout;
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return failure(ControlReply::Kind::error, std::string("socket: ") + std::strerror(errno));
  ControlReply connected = connect_to(fd.get(), socket_path, deadline);
  if (connected.kind != ControlReply::Kind::ok) return connected;
  IoStatus sent = send_all(fd.get(), encode_request(command, args), deadline);
  std::string line;
  // Read even when sending failed: a daemon that refuses a request (too
  // large, too many clients) closes early, and its reply says why.
  IoStatus received = sent.timed_out ? IoStatus{true, {}} : read_line(fd.get(), deadline, &line);
  if (received.timed_out) {
    std::string within = timeout.count() % 1000 == 0
                             ? std::to_string(timeout.count() / 1000) + " s"
                             : std::to_string(timeout.count()) + " ms";
    return failure(ControlReply::Kind::error,
                   "herald did not answer within " + within + " (" + socket_path + ")");
  }
  if (!line.empty()) return parse_reply(line);
  std::string why = !received.error.empty() ? received.error : sent.error;
  if (why.empty()) return failure(ControlReply::Kind::error, "herald closed the connection without an answer");
  return failure(ControlReply::Kind::error, "talking to herald on " + socket_path + ": " + why);
}

}  // namespace herald
