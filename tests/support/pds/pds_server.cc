#include "tests/support/pds/pds_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/url/url.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace herald::test {

namespace {

namespace json = boost::json;

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::runtime_error failure(const std::string& what, const HttpResponse& response) {
  return std::runtime_error(what + ": HTTP " + std::to_string(response.status) + " " +
                            (response.status ? response.body : response.error));
}

json::object parse_object(const std::string& what, const HttpResponse& response) {
  boost::system::error_code ec;
  json::value value = json::parse(response.body, ec);
  if (ec || !value.is_object()) throw failure(what + ": not a JSON object", response);
  return value.as_object();
}

std::string string_field(const json::object& object, const char* name) {
  const json::value* value = object.if_contains(name);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string body_of(std::initializer_list<std::pair<const char*, std::string>> fields) {
  json::object object;
  for (const auto& [name, value] : fields) object[name] = value;
  return json::serialize(object);
}

}  // namespace

std::string PdsServer::install_dir() {
  if (const char* dir = std::getenv("HERALD_PDS_DIR"); dir && *dir) return dir;
  std::string cache = env_or("XDG_CACHE_HOME", env_or("HOME", "/root") + "/.cache");
  return cache + "/herald/pds";
}

PdsServer::PdsServer() : PdsServer(Options{}) {}

PdsServer::PdsServer(Options options) {
  // The script picks a free port before the PDS listens on it (the port is
  // in its URL and DID documents): another process may take it meanwhile,
  // and then a fresh start on another port is the remedy.
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      start(options);
      return;
    } catch (const std::runtime_error& error) {
      stop();
      if (attempt == kAttempts || std::string(error.what()).find("EADDRINUSE") == std::string::npos) throw;
      std::filesystem::remove_all(dir_ / "data");
    } catch (...) {
      stop();
      throw;
    }
  }
}

PdsServer::~PdsServer() { stop(); }

PdsServer& PdsServer::shared() {
  static PdsServer server;
  return server;
}

void PdsServer::start(const Options& options) {
  const std::string modules = install_dir();
  const std::string here = source_dir() + "/tests/support/pds";
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(modules + "/node_modules/@atproto/pds/package.json", ec) ||
      read_file(modules + "/package-lock.json") != read_file(here + "/package-lock.json")) {
    throw std::runtime_error("the test PDS is not installed (or is out of date) in " + modules +
                             ": run tests/support/pds/install.sh (.ci/setup runs it)");
  }

  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  }
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];

  const std::string data = dir_ / "data";
  fs::create_directories(data);
  const std::string err_path = dir_ / "stderr.log";
  std::vector<std::string> args = {"node", here + "/start_pds.js", "--modules", modules, "--data", data};
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.push_back(std::string("HERALD_PDS_RATE_LIMITS=") + (options.rate_limits ? "on" : "off"));
  if (!std::getenv("HERALD_PDS_LOG")) env.push_back("HERALD_PDS_LOG=" + (dir_ / "pds.log"));

  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot run node for the test PDS: " + std::string(std::strerror(spawned)));
  }

  // Wait for "READY {...}\n".
  std::string buffer;
  const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  std::string::size_type ready = std::string::npos;
  while ((ready = buffer.find("READY ")) == std::string::npos ||
         buffer.find('\n', ready) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      throw std::runtime_error("the test PDS did not start within " +
                               std::to_string(options.start_timeout.count() / 1000) +
                               " s; its stderr: " + stderr_text());
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char chunk[4096];
    ssize_t got = read(stdout_fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
      throw std::runtime_error("the test PDS exited before it was ready; its stderr: " + stderr_text());
    }
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
  std::string line = buffer.substr(ready + 6, buffer.find('\n', ready) - ready - 6);
  boost::system::error_code jec;
  json::value info = json::parse(line, jec);
  if (jec || !info.is_object()) throw std::runtime_error("the test PDS printed a bad READY line: " + line);
  const json::object& object = info.as_object();
  port_ = static_cast<int>(object.at("pds_port").to_number<std::int64_t>());
  url_ = std::string(object.at("pds_url").as_string());
  admin_password_ = std::string(object.at("admin_password").as_string());
}

std::string PdsServer::stderr_text() const {
  std::error_code ec;
  if (!std::filesystem::exists(dir_ / "stderr.log", ec)) return "(none)";
  std::string text = read_file(dir_ / "stderr.log");
  return text.empty() ? "(empty)" : text;
}

void PdsServer::stop() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
  if (pid_ > 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
}

HttpResponse PdsServer::send(HttpRequest request) {
  request.url = url_ + request.url;
  boost::asio::io_context io;
  HttpClient client(io);
  HttpResponse result;
  client.submit(std::move(request), [&](HttpResponse response) { result = std::move(response); });
  io.run();
  return result;
}

HttpResponse PdsServer::xrpc(const std::string& method, const std::string& nsid,
                             const std::string& query_or_body, const std::string& bearer,
                             std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest request;
  request.method = method;
  request.url = "/xrpc/" + nsid;
  if (method == "GET") {
    if (!query_or_body.empty()) request.url += "?" + query_or_body;
  } else {
    request.body = query_or_body;
    headers.emplace_back("Content-Type", "application/json");
  }
  if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
  request.headers = std::move(headers);
  request.max_response_bytes = 16 << 20;
  return send(std::move(request));
}

PdsAccount PdsServer::create_account(const std::string& handle, const std::string& email,
                                     const std::string& password) {
  const char* nsid = "com.atproto.server.createAccount";
  HttpResponse response = xrpc("POST", nsid,
                               body_of({{"handle", handle}, {"email", email}, {"password", password}}));
  if (response.status != 200) throw failure(nsid, response);
  json::object object = parse_object(nsid, response);
  return PdsAccount{string_field(object, "did"), string_field(object, "handle"), password,
                    string_field(object, "accessJwt"), string_field(object, "refreshJwt")};
}

std::string PdsServer::create_app_password(const PdsAccount& account, const std::string& name) {
  const char* nsid = "com.atproto.server.createAppPassword";
  HttpResponse response = xrpc("POST", nsid, body_of({{"name", name}}), account.access_jwt);
  if (response.status != 200) throw failure(nsid, response);
  return string_field(parse_object(nsid, response), "password");
}

PdsSession PdsServer::create_session(const std::string& identifier, const std::string& password) {
  const char* nsid = "com.atproto.server.createSession";
  HttpResponse response =
      xrpc("POST", nsid, body_of({{"identifier", identifier}, {"password", password}}));
  if (response.status != 200) throw failure(nsid, response);
  json::object object = parse_object(nsid, response);
  return PdsSession{string_field(object, "did"), string_field(object, "handle"),
                    string_field(object, "accessJwt"), string_field(object, "refreshJwt")};
}

namespace {

std::string query(std::initializer_list<std::pair<const char*, std::string>> params) {
  boost::urls::url url;
  for (const auto& [name, value] : params) url.params().append({name, value});
  return std::string(url.encoded_query());
}

}  // namespace

std::optional<std::string> PdsServer::get_record(const std::string& did, const std::string& collection,
                                                 const std::string& rkey) {
  const char* nsid = "com.atproto.repo.getRecord";
  HttpResponse response =
      xrpc("GET", nsid, query({{"repo", did}, {"collection", collection}, {"rkey", rkey}}));
  if (response.status == 200) return response.body;
  if (response.status == 400 && response.body.find("RecordNotFound") != std::string::npos) {
    return std::nullopt;
  }
  throw failure(nsid, response);
}

std::string PdsServer::list_records(const std::string& did, const std::string& collection) {
  const char* nsid = "com.atproto.repo.listRecords";
  HttpResponse response =
      xrpc("GET", nsid, query({{"repo", did}, {"collection", collection}, {"limit", "100"}}));
  if (response.status != 200) throw failure(nsid, response);
  return response.body;
}

std::string PdsServer::get_blob(const std::string& did, const std::string& cid) {
  const char* nsid = "com.atproto.sync.getBlob";
  HttpResponse response = xrpc("GET", nsid, query({{"did", did}, {"cid", cid}}));
  if (response.status != 200) throw failure(nsid, response);
  return response.body;
}

}  // namespace herald::test
