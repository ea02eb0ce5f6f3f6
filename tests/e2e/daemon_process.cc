#include "tests/e2e/daemon_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace herald::test {
namespace {

extern "C" char** environ;

}  // namespace

DaemonProcess::DaemonProcess(const std::string& config, std::vector<std::string> env,
                             std::vector<std::string> prefix) {
  std::string socket_path = dir_ / "notify.sock";
  notify_fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
  if (notify_fd_ < 0 ||
      ::bind(notify_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    throw std::runtime_error("cannot bind " + socket_path);
  }
  std::vector<std::string> argv = std::move(prefix);
  for (std::string arg : {herald_binary(), std::string("run"), std::string("--config"), config}) {
    argv.push_back(std::move(arg));
  }
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    if (entry.rfind("NOTIFY_SOCKET=", 0) == 0 || entry.rfind("JOURNAL_STREAM=", 0) == 0 ||
        entry.rfind("LISTEN_", 0) == 0 || entry.rfind("WATCHDOG_", 0) == 0) {
      continue;
    }
    environment.push_back(entry);
  }
  environment.push_back("NOTIFY_SOCKET=" + socket_path);
  // `env` overrides what is inherited (getenv takes the first entry of a name).
  for (std::string& entry : env) {
    std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(environment, [&](const std::string& e) { return e.rfind(name, 0) == 0; });
    environment.push_back(std::move(entry));
  }

  // Made before fork: the child calls only async-signal-safe functions.
  std::string log_path = dir_ / "stderr.log";
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> envp = c_strings(environment);
  pid_ = ::fork();
  if (pid_ == 0) {
    // A test process that dies (a crash, a kill) takes its daemons along.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(log, STDERR_FILENO);
    ::dup2(log, STDOUT_FILENO);
    ::execvpe(args[0], args.data(), envp.data());
    // Said in the log (describe() reads it): write() and a fixed text only.
    const char failed[] = "DaemonProcess: exec failed\n";
    [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, failed, sizeof failed - 1);
    _exit(127);
  }
  if (pid_ < 0) throw std::runtime_error("fork failed");
  reader_ = std::jthread([this](std::stop_token stop) { read_notifications(stop); });
}

DaemonProcess::~DaemonProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    wait_exit(std::chrono::seconds(5));
  }
  if (reader_.joinable()) {
    reader_.request_stop();
    reader_.join();
  }
  if (notify_fd_ >= 0) ::close(notify_fd_);
}

void DaemonProcess::read_notifications(std::stop_token stop) {
  char buffer[4096];
  while (!stop.stop_requested()) {
    pollfd fd{notify_fd_, POLLIN, 0};
    if (::poll(&fd, 1, 50) <= 0) continue;
    for (;;) {
      ssize_t n = ::recv(notify_fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) break;
      std::lock_guard lock(mutex_);
      messages_.emplace_back(buffer, static_cast<std::size_t>(n));
      arrived_.notify_all();
    }
  }
}

bool DaemonProcess::wait_notify(const std::string& text, std::chrono::milliseconds timeout) {
  return wait_notify_count(text, 1, timeout);
}

bool DaemonProcess::wait_notify_count(const std::string& text, std::size_t count,
                                      std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] {
    std::size_t seen = 0;
    for (const std::string& message : messages_) {
      if (message.find(text) != std::string::npos) ++seen;
    }
    return seen >= count;
  });
}

void DaemonProcess::signal(int sig) {
  if (running()) ::kill(pid_, sig);
}

std::string DaemonProcess::describe() {
  if (!running()) {
    return "\nherald (pid " + std::to_string(pid_) + ") " +
           (exit_signal_ != 0 ? "was killed by signal " + std::to_string(exit_signal_)
                              : "exited with status " + std::to_string(exit_code_));
  }
  std::string text = "\nherald (pid " + std::to_string(pid_) +
                     ") runs; its threads (tid, name, state, wait channel, system call number):";
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid_) + "/task";
  std::error_code ignored;
  for (const auto& task : std::filesystem::directory_iterator(tasks, ignored)) {
    std::string stat, wchan, syscall;
    try {
      stat = read_file(task.path() / "stat");
      wchan = read_file(task.path() / "wchan");
      syscall = read_file(task.path() / "syscall");
    } catch (const std::exception&) {
      continue;  // the thread ended meanwhile
    }
    // "tid (name) state ...": the name may hold spaces and parentheses.
    const std::string::size_type name_start = stat.find('(') + 1;
    const std::string::size_type name_end = stat.rfind(')');
    std::string name = stat.substr(name_start, name_end - name_start);
    std::string state = name_end + 2 < stat.size() ? stat.substr(name_end + 2, 1) : "?";
    text += "\n  " + task.path().filename().string() + " " + name + " " + state + " " + wchan + " " +
            syscall.substr(0, syscall.find_first_of(" \n"));
  }
  // Each thread's stack, where gdb is installed (.ci/packages-test has it).
  if (std::filesystem::exists("/usr/bin/gdb", ignored)) {
    CommandResult stacks = run_command({"timeout", "60", "/usr/bin/gdb", "-batch", "-nx", "-p", std::to_string(pid_),
                                        "-ex", "thread apply all bt 30"});
    text += "\ngdb's backtraces:\n" + stacks.out.substr(0, 64 * 1024);
  }
  return text;
}

bool DaemonProcess::running() {
  if (exited_) return false;
  int status = 0;
  pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    exit_signal_ = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return !exited_;
}

int DaemonProcess::wait_exit(std::chrono::milliseconds timeout) {
  wait_until([&] { return !running(); }, timeout);
  return exited_ ? exit_code_ : -2;
}

std::string DaemonLog::text() const {
  std::error_code ignored;
  if (!std::filesystem::exists(file_, ignored)) return "";
  return read_file(file_);
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers) {
  namespace http = boost::beast::http;
  HttpReply reply;
  try {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) request.set(name, value);
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == "HEAD");
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket, buffer, parser);
    auto& response = parser.get();
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    reply.body = response.body();
  } catch (const std::exception&) {
    reply.status = 0;
  }
  return reply;
}

std::string gunzip(const std::string& bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return "";
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[65536];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END ? out : "";
}

}  // namespace herald::test
