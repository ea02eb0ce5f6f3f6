// A real `herald run` process for integration tests: started with a config,
// its stderr captured in a file, and sd_notify messages received on a
// datagram socket the test owns ($NOTIFY_SOCKET), read all the time by a
// thread of its own as systemd reads them (a socket left unread fills its
// queue of 10 datagrams, and then the daemon's sd_notify blocks). Killed on
// destruction if still running. Also: a polling wait with a deadline, and a small HTTP
// client (Boost.Beast) for the daemon's server.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/loopback/free_port.h"
#include "tests/support/test_support.h"

namespace herald::test {

// A daemon's stderr, read when it is used. As an assertion's message it is
// read when the message is printed, after the assertion failed: Boost.Test
// builds a message before it evaluates the assertion, so a string read for
// `BOOST_TEST(wait_until(...), log)` would be the log from before the wait.
class DaemonLog {
 public:
  explicit DaemonLog(std::filesystem::path file) : file_(std::move(file)) {}
  std::string text() const;  // everything written so far ("" before the file exists)
  operator std::string() const { return text(); }  // NOLINT(google-explicit-constructor)
  template <typename... Args>
  std::string::size_type find(Args&&... args) const {
    return text().find(std::forward<Args>(args)...);
  }
  std::string::size_type size() const { return text().size(); }
  const char* c_str() const = delete;  // would dangle: take text() first
  friend std::ostream& operator<<(std::ostream& out, const DaemonLog& log) { return out << log.text(); }
  friend std::string operator+(const DaemonLog& log, const std::string& more) { return log.text() + more; }
  friend std::string operator+(const std::string& before, const DaemonLog& log) { return before + log.text(); }

 private:
  std::filesystem::path file_;
};

class DaemonProcess {
 public:
  // Runs `prefix` + herald run --config `config` (prefix: e.g.
  // systemd-socket-activate and its options), with `env` added.
  DaemonProcess(const std::string& config, std::vector<std::string> env = {},
                std::vector<std::string> prefix = {});
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  int pid() const { return pid_; }
  // Waits until a notify message containing `text` arrives (messages
  // already received count). False on timeout.
  bool wait_notify(const std::string& text, std::chrono::milliseconds timeout);
  // Waits until at least `count` messages containing `text` have arrived.
  bool wait_notify_count(const std::string& text, std::size_t count,
                         std::chrono::milliseconds timeout);
  // Sends `sig` while the process runs, never once it has been reaped: its
  // pid may then be another process's (pid_max is 32,768 on the CI
  // machine, and a run's thousands of processes wrap it).
  void signal(int sig);
  // The exit code, or -1 if killed by a signal, or -2 on timeout.
  int wait_exit(std::chrono::milliseconds timeout);
  bool running();
  DaemonLog log() const { return DaemonLog(dir_ / "stderr.log"); }  // its stderr
  // For a failure message: how it ended, or each thread's name, state,
  // kernel wait channel and system call, and (with gdb installed) its stack
  // (a deadlock shows as threads all in futex_wait).
  std::string describe();

 private:
  // The reader thread: receives every message until `stop`.
  void read_notifications(std::stop_token stop);

  TempDir dir_;
  int notify_fd_ = -1;
  int pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -2;
  int exit_signal_ = 0;  // the signal that killed it, if one did
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> messages_;  // guarded by mutex_
  std::jthread reader_;                // last: stops before the rest goes
};

// Polls `condition` every 5 ms until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

struct HttpReply {
  int status = 0;   // 0: no answer (connection failed or closed)
  std::map<std::string, std::string> headers;   // names lower-case
  std::string body;
};

// One request on a fresh connection to 127.0.0.1:`port`.
HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {});

std::string gunzip(const std::string& bytes);

}  // namespace herald::test
