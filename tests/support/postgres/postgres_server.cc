#include "tests/support/postgres/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <libpq-fe.h>

#include "tests/support/loopback/free_port.h"

namespace herald::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kUser[] = "herald-pgtest";

// Who runs initdb and postgres: this process's user, or a system user when root.
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
  bool change = false;
};

RunAs run_as() {
  if (::geteuid() != 0) return RunAs{::getuid(), ::getgid(), false};
  const passwd* user = ::getpwnam(kUser);
  if (user == nullptr) {
    run_command({"/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                 "--shell", "/usr/sbin/nologin", kUser});
    user = ::getpwnam(kUser);
  }
  if (user == nullptr) user = ::getpwnam("nobody");
  if (user == nullptr) throw std::runtime_error("postgres: running as root, and neither " + std::string(kUser) +
                                                " (useradd failed) nor nobody exists to run PostgreSQL as");
  return RunAs{user->pw_uid, user->pw_gid, true};
}

// Starts `argv` (absolute path first) in `dir` as `as`, output appended to
// `log`; it gets SIGINT (PostgreSQL's fast shutdown) when this thread dies.
pid_t spawn(std::vector<std::string> argv, const RunAs& as, const std::string& dir, const std::string& log) {
  std::vector<char*> args = c_strings(argv);
  int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    if (::chdir(dir.c_str()) != 0) ::_exit(126);
    if (as.change && (::setgroups(0, nullptr) != 0 || ::setgid(as.gid) != 0 || ::setuid(as.uid) != 0)) {
      ::_exit(126);
    }
    ::prctl(PR_SET_PDEATHSIG, SIGINT);  // after setuid, which clears it
    if (::getppid() != parent) ::_exit(0);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(in);
  if (pid < 0) throw std::runtime_error("postgres: fork failed");
  return pid;
}

std::string random_password() {
  std::string password = "p@ss word:";  // characters a URL would have to encode
  for (int i = 0; i < 16; ++i) password += "0123456789abcdef"[std::rand() % 16];
  return password;
}

std::string log_of(const TempDir& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / "server.log", ec) ? read_file(dir / "server.log") : "";
}

}  // namespace

std::string postgres_bin_dir() {
  const char* dir = std::getenv("HERALD_PG_BIN");
  return dir && *dir ? dir : "/usr/lib/postgresql/15/bin";
}

boost::test_tools::assertion_result postgres_installed(boost::unit_test::test_unit_id) {
  const std::string bin = postgres_bin_dir();
  boost::test_tools::assertion_result result(::access((bin + "/postgres").c_str(), X_OK) == 0 &&
                                             ::access((bin + "/initdb").c_str(), X_OK) == 0);
  result.message() << "PostgreSQL 15 is not installed (no " << bin
                   << "/postgres); apt-get install postgresql-15 (.ci/packages-test)";
  return result;
}

PgConnection connected(const DatabaseConfig& db) {
  PgConnection conn;
  PgStatus s = conn.connect(db);
  BOOST_TEST_REQUIRE(s.ok(), s.message);
  return conn;
}

PostgresServer::PostgresServer(std::optional<PostgresTls> tls) : tls_(std::move(tls)) {
  const Clock::time_point begin = Clock::now();
  init();
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (start(free_port())) {
      start_seconds_ = std::chrono::duration<double>(Clock::now() - begin).count();
      return;
    }
  }
  throw std::runtime_error("postgres: no free port after 5 tries; log:\n" + log_of(dir_));
}

PostgresServer::~PostgresServer() { stop(); }

void PostgresServer::init() {
  const RunAs as = run_as();
  password_ = random_password();
  write_file(dir_ / "password", password_ + "\n");
  if (tls_) {
    // PostgreSQL refuses a key others may read.
    write_file(dir_ / "server.crt", read_file(tls_->cert_file));
    write_file(dir_ / "server.key", read_file(tls_->key_file));
    std::filesystem::permissions(dir_ / "server.key", std::filesystem::perms::owner_read |
                                                          std::filesystem::perms::owner_write);
  }
  if (as.change) {
    for (const char* path : {"", "/password", "/server.crt", "/server.key"}) {
      if (!tls_ && std::string_view(path).starts_with("/server")) continue;
      if (::chown((dir_.path() + path).c_str(), as.uid, as.gid) != 0) {
        throw std::runtime_error("postgres: cannot chown " + dir_.path() + path);
      }
    }
  }
  pid_t pid = spawn({postgres_bin_dir() + "/initdb", "--pgdata=" + dir_ / "data", "--username=herald",
                     "--pwfile=" + dir_ / "password", "--auth=scram-sha-256", "--encoding=UTF8",
                     "--locale=C", "--no-sync", "--no-instructions"},
                    as, dir_.path(), dir_ / "server.log");
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("postgres: initdb failed:\n" + log_of(dir_));
  }
}

bool PostgresServer::start(int port) {
  port_ = port;
  pid_ = spawn({postgres_bin_dir() + "/postgres", "-D", dir_ / "data", "-p", std::to_string(port_), "-c",
                "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir_.path(), "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=100",
                "-c", "shared_buffers=32MB", "-c", "dynamic_shared_memory_type=mmap", "-c",
                "log_min_messages=warning", "-c", "ssl=" + std::string(tls_ ? "on" : "off"), "-c",
                "ssl_cert_file=" + dir_ / "server.crt", "-c", "ssl_key_file=" + dir_ / "server.key"},
               run_as(), dir_.path(), dir_ / "server.log");
  const std::string ping = "host=127.0.0.1 port=" + std::to_string(port_) +
                           " dbname=postgres user=herald connect_timeout=2";
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::string log = log_of(dir_);
      if (log.find("could not bind") != std::string::npos) return false;
      throw std::runtime_error("postgres: the server exited at its start; log:\n" + log);
    }
    if (PQping(ping.c_str()) == PQPING_OK) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("postgres: not answering after 60 s; log:\n" + log_of(dir_));
}

void PostgresServer::restart() {
  stop();
  start_again();
}

void PostgresServer::start_again() {
  if (!start(port_)) throw std::runtime_error("postgres: port " + std::to_string(port_) + " taken at the restart");
}

void PostgresServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGINT);  // fast shutdown: clients disconnected, no checkpoint wait
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

PostgresServer& PostgresServer::shared() {
  static std::unique_ptr<PostgresServer> server;
  if (!server) {
    server = std::make_unique<PostgresServer>();
    BOOST_TEST_MESSAGE("postgres: a private PostgreSQL 15 on 127.0.0.1:" << server->port() << ", ready in "
                                                                         << server->start_seconds() << " s");
  }
  return *server;
}

DatabaseConfig PostgresServer::database(const std::string& name) const {
  DatabaseConfig db;
  db.host = "127.0.0.1";
  db.port = port_;
  db.dbname = name;
  db.user = "herald";
  db.password = password_;
  db.shown = "postgresql://herald:***@127.0.0.1:" + std::to_string(port_) + "/" + name;
  return db;
}

DatabaseConfig PostgresServer::create_database() {
  const std::string name = "test_" + std::to_string(++next_database_);
  PgConnection admin;
  PgStatus s = admin.connect(database("postgres"));
  if (s.ok()) s = admin.exec("CREATE DATABASE " + name);  // a name of ours, not a value: no parameter
  if (!s.ok()) throw std::runtime_error("postgres: " + s.message);
  return database(name);
}

}  // namespace herald::test
