// A temporary site for tests that run `herald run`: posts of the seed's
// shape (ids from 1000, dated in the past), a config serving it on a free
// port with its state in the site's directory, and helpers to read feeds.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/support/test_support.h"

namespace herald::test {

using namespace std::chrono_literals;

inline constexpr auto kStart = 60s;    // first build of a small site, under ASan too
inline constexpr auto kChange = 10s;   // a change reaching the feeds (typically ~20 ms)

// "2024-01-10T16:00:00Z" for `when`.
std::string rfc3339(std::time_t when);

// A post file of the seed's shape.
std::string post(int id, const std::string& title, const std::string& date,
                 const std::string& section = "Local", const std::string& tag = "Obras");

// A WebSub hub on this machine that refuses connections (the daemon pings
// it after every feed change; nothing leaves the machine).
inline constexpr const char* kRefusingHub = "http://127.0.0.1:9/websub";

// The test site's config; `extra` (YAML) is appended.
std::string site_config(int port, const std::string& title = "Noticias de prueba",
                        const std::string& extra = "", const std::string& hub = kRefusingHub);

// A site with `posts` posts dated in the past, ids 1000.., and its config.
struct Site {
  TempDir dir;
  int port = free_port();
  explicit Site(int posts = 20, const std::string& extra_config = "");
  // The file name of post `id` among the generated ones.
  static std::string post_file(int id);
  std::string config_path() const { return dir / "herald.yaml"; }
  std::string content(const std::string& rel) const { return dir / ("content/" + rel); }
  std::string feed(const std::string& rel = "rss.xml") const;
  bool feed_has(const std::string& text, const std::string& rel = "rss.xml") const {
    return feed(rel).find(text) != std::string::npos;
  }
};

// READY (the feeds on disk are current), then the end of the first load:
// its "start:" line, once the catalog cache and the outbox hold its posts
// and deliveries run.
void require_started(DaemonProcess& daemon);
// Fails the test with `what`, the daemon's log and its describe(). Call it
// only on failure (describe() attaches gdb): Boost.Test builds an
// assertion's message even when the assertion holds.
[[noreturn]] void fail_with(DaemonProcess& daemon, const std::string& what);

// The environment of a daemon whose file I/O on paths containing `path`
// fails with `errno_name` while the file `switch_file` exists
// (tests/support/fault_shim.c); under ASan the shim is loaded first.
std::vector<std::string> fault_shim_env(const std::string& path, const std::string& errno_name,
                                        const std::string& switch_file);
// The environment of a daemon whose wall clock reads the seconds written
// in `offset_file` later than the machine's (the same shim): a test steps
// the clock as NTP does by rewriting the file.
std::vector<std::string> clock_shim_env(const std::string& offset_file);

// A tmpfs of `options` ("size=2m,mode=0700") mounted on `path` (created)
// for real disk faults, unmounted when destroyed. Needs root: mounted()
// is false, with the reason in skip_reason(), where it cannot be done.
class TmpfsMount {
 public:
  TmpfsMount(const std::string& path, const std::string& options);
  ~TmpfsMount();
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;
  bool mounted() const { return skip_reason_.empty(); }
  const std::string& skip_reason() const { return skip_reason_; }
  // Remounts it read-only (true) or read-write (false); false on failure.
  bool set_read_only(bool read_only);

 private:
  std::string path_;
  std::string options_;
  std::string skip_reason_;
};

// `herald ARGS... --config <the site's config>`.
CommandResult herald_cli(const Site& site, const std::vector<std::string>& args);
// Target `name`'s entry in `herald status --json`; nullopt when the command
// fails or does not list it.
std::optional<boost::json::object> find_target_status(const Site& site, const std::string& name);
// The same, a test failure when it is missing.
boost::json::object target_status(const Site& site, const std::string& name);

}  // namespace herald::test
