// `herald run` as a real process on a temporary site: readiness through
// sd_notify, every way editors and tools save files (plain write,
// rename-over, vim's dance, new nested directories, a git-like burst,
// delete, rename), scheduled posts, serving (media types, ETag/304, gzip,
// HEAD, traversal refused), reload with a broken config, SIGTERM, socket
// activation and a warm restart from the state directory. Every wait is
// bounded.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/base/sqlite_db.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::kChange;
using test::kStart;
using test::post;
using test::require_started;
using test::rfc3339;
using test::Site;
using test::http_request;
using test::read_file;
using test::wait_until;
using test::write_file;

}  // namespace

BOOST_AUTO_TEST_SUITE(daemon_run)

BOOST_AUTO_TEST_CASE(serves_the_feeds) {
  Site site;
  write_file(site.dir / "secret.txt", "do not serve");
  std::filesystem::create_directories(site.dir / "public");
  DaemonProcess daemon(site.config_path());
  require_started(daemon);

  // The log tells where to point a feed reader.
  BOOST_TEST(daemon.log().find("main feed: http://127.0.0.1:" + std::to_string(site.port) +
                               "/rss.xml") != std::string::npos, daemon.log());
  auto health = http_request(site.port, "GET", "/healthz");
  BOOST_TEST(health.status == 200);
  BOOST_TEST(health.body.find("\"status\":\"ok\"") != std::string::npos, health.body);
  boost::json::object last = boost::json::parse(health.body).at("last_rebuild").as_object();
  BOOST_TEST(last.at("reason").as_string() == "start");
  BOOST_TEST(last.at("duration_ms").is_int64(), health.body);  // whole ms, as in herald status

  auto rss = http_request(site.port, "GET", "/rss.xml");
  BOOST_TEST_REQUIRE(rss.status == 200, daemon.log());
  BOOST_TEST(rss.headers["content-type"] == "application/rss+xml; charset=utf-8");
  BOOST_TEST(rss.body == site.feed("rss.xml"));
  BOOST_TEST(rss.headers["cache-control"] == "public, max-age=300");
  BOOST_TEST(rss.headers["link"].find("<" + std::string(test::kRefusingHub) + ">; rel=\"hub\"") !=
             std::string::npos);
  BOOST_TEST(rss.headers["link"].find("<https://noticias.example.org/rss.xml>; rel=\"self\"") !=
             std::string::npos);
  std::string etag = rss.headers["etag"];
  BOOST_TEST(etag.size() > 2);
  BOOST_TEST(etag.front() == '"');
  BOOST_TEST(!rss.headers["last-modified"].empty());

  BOOST_TEST(http_request(site.port, "GET", "/atom.xml").headers["content-type"] ==
             "application/atom+xml; charset=utf-8");
  BOOST_TEST(http_request(site.port, "GET", "/feed.json").headers["content-type"] ==
             "application/feed+json; charset=utf-8");
  BOOST_TEST(http_request(site.port, "GET", "/secciones/local/rss.xml").status == 200);

  auto again = http_request(site.port, "GET", "/rss.xml", {{"If-None-Match", etag}});
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  auto since = http_request(site.port, "GET", "/rss.xml",
                            {{"If-Modified-Since", rss.headers["last-modified"]}});
  BOOST_TEST(since.status == 304);

  auto head = http_request(site.port, "HEAD", "/rss.xml");
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.body.empty());
  BOOST_TEST(head.headers["content-length"] == std::to_string(rss.body.size()));

  auto gzip = http_request(site.port, "GET", "/rss.xml", {{"Accept-Encoding", "gzip"}});
  BOOST_TEST(gzip.headers["content-encoding"] == "gzip");
  BOOST_TEST(test::gunzip(gzip.body) == rss.body);
  BOOST_TEST(gzip.headers["etag"] != etag);

  // Nothing outside the output directory, however the path is spelled.
  std::filesystem::create_directory_symlink(site.dir.path(), site.dir / "public/escape");
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                             "/secciones/..%2f..%2fsecret.txt", "/escape/secret.txt",
                             "/..\\secret.txt", "/rss.xml%00.txt"}) {
    auto reply = http_request(site.port, "GET", target);
    BOOST_TEST((reply.status == 400 || reply.status == 404), target << " -> " << reply.status);
    BOOST_TEST(reply.body.find("do not serve") == std::string::npos, target);
  }
  BOOST_TEST(http_request(site.port, "GET", "/nope.xml").status == 404);

  // The root is the page of feeds; the head snippet is served like a file.
  auto index = http_request(site.port, "GET", "/");
  BOOST_TEST(index.status == 200);
  BOOST_TEST(index.headers["content-type"] == "text/html; charset=utf-8");
  BOOST_TEST(index.body.find("href=\"https://noticias.example.org/secciones/local/rss.xml\"") !=
             std::string::npos, index.body);
  auto snippet = http_request(site.port, "GET", "/feeds-head.html");
  BOOST_TEST(snippet.body.find("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"") !=
             std::string::npos, snippet.body);

  auto metrics = http_request(site.port, "GET", "/metrics");
  BOOST_TEST(metrics.status == 200);
  BOOST_TEST(metrics.body.find("herald_posts{state=\"published\"} 20") != std::string::npos,
             metrics.body);
  BOOST_TEST(metrics.body.find("herald_rebuild_duration_seconds_bucket") != std::string::npos);
  BOOST_TEST(metrics.body.find("herald_errors_total{kind=\"outbox\"} 0\n") != std::string::npos,
             metrics.body);
  // Each request above came on a connection of its own; this one is open.
  BOOST_TEST(metrics.body.find("herald_http_connections_total{result=\"accepted\"} 0\n") ==
             std::string::npos, metrics.body);
  BOOST_TEST(metrics.body.find("herald_http_connections_open 0\n") == std::string::npos, metrics.body);
  BOOST_TEST(metrics.body.find("herald_http_sent_bytes_total 0\n") == std::string::npos, metrics.body);
}

BOOST_AUTO_TEST_CASE(every_kind_of_save_reaches_the_feeds) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  const std::string date = "2025-03-01T09:00:00-06:00";

  // A plain write.
  write_file(site.content("nueva.md"), post(2001, "Plain write", date));
  BOOST_TEST(wait_until([&] {
    return site.feed_has("Plain write") && site.feed_has("Plain write", "feed.json") &&
           site.feed_has("Plain write", "secciones/local/atom.xml") &&
           site.feed_has("Plain write", "etiquetas/obras/rss.xml");
  }, kChange), daemon.log());
  BOOST_TEST(wait_until([&] {
    return http_request(site.port, "GET", "/rss.xml").body.find("Plain write") !=
           std::string::npos;
  }, kChange));

  // Rename over (sed -i, gedit, rsync): temp file, then rename onto the post.
  write_file(site.content(".nueva.md.tmp"), post(2001, "Renamed over", date));
  std::filesystem::rename(site.content(".nueva.md.tmp"), site.content("nueva.md"));
  BOOST_TEST(wait_until([&] { return site.feed_has("Renamed over"); }, kChange), daemon.log());
  BOOST_TEST(!site.feed_has("Plain write"));

  // vim: swap file, backup by rename, write the new file, drop the backup.
  write_file(site.content(".nueva.md.swp"), "swap");
  write_file(site.content("4913"), "");
  std::filesystem::remove(site.content("4913"));
  std::filesystem::rename(site.content("nueva.md"), site.content("nueva.md~"));
  write_file(site.content("nueva.md"), post(2001, "Saved by vim", date));
  std::filesystem::remove(site.content("nueva.md~"));
  std::filesystem::remove(site.content(".nueva.md.swp"));
  BOOST_TEST(wait_until([&] { return site.feed_has("Saved by vim"); }, kChange), daemon.log());

  // A new nested directory, created and filled at once.
  write_file(site.content("a/b/c/anidada.md"), post(2002, "Nested directory", date));
  BOOST_TEST(wait_until([&] { return site.feed_has("Nested directory"); }, kChange),
             daemon.log());

  // Renaming the file keeps the identity: one entry, same id.
  std::filesystem::rename(site.content("a/b/c/anidada.md"), site.content("movida.md"));
  std::this_thread::sleep_for(300ms);
  BOOST_TEST(wait_until([&] { return site.feed_has("Nested directory"); }, kChange));
  std::string rss = site.feed();
  BOOST_TEST(rss.find("<title>Nested directory</title>") ==
             rss.rfind("<title>Nested directory</title>"));
  BOOST_TEST(rss.find("<title>Nested directory</title>") != std::string::npos);

  // Delete.
  std::filesystem::remove(site.content("nueva.md"));
  BOOST_TEST(wait_until([&] { return !site.feed_has("Saved by vim"); }, kChange), daemon.log());

  // A git-checkout-like burst: 500 files in 20 new directories.
  for (int d = 0; d < 20; ++d) {
    for (int i = 0; i < 25; ++i) {
      int id = 5000 + d * 25 + i;
      write_file(site.content("lote/d" + std::to_string(d) + "/p" + std::to_string(id) + ".md"),
                 post(id, "Lote " + std::to_string(id), "2025-04-01T09:00:00-06:00", "Lote",
                      "Lote" + std::to_string(d)));
    }
  }
  // 20 initial posts + nested + 500.
  BOOST_TEST(wait_until([&] {
    return http_request(site.port, "GET", "/metrics").body.find(
               "herald_posts{state=\"published\"} 521") != std::string::npos;
  }, 30s), http_request(site.port, "GET", "/metrics").body);
  for (int d = 0; d < 20; ++d) {
    BOOST_TEST(site.feed_has("Lote " + std::to_string(5000 + d * 25 + 24),
                             "etiquetas/lote" + std::to_string(d) + "/rss.xml"));
  }
  BOOST_TEST(daemon.running());
}

BOOST_AUTO_TEST_CASE(a_half_written_post_is_not_published) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  std::string text = post(2101, "Half written", "2025-03-01T09:00:00-06:00");
  std::FILE* file = std::fopen(site.content("mitad.md").c_str(), "w");
  BOOST_TEST_REQUIRE(file != nullptr);
  std::fwrite(text.data(), 1, text.size() / 2, file);  // the writer pauses mid-file
  std::fflush(file);
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(!site.feed_has("Half written"));
  BOOST_TEST(daemon.log().find("mitad.md") == std::string::npos, daemon.log());  // no error either
  std::fwrite(text.data() + text.size() / 2, 1, text.size() - text.size() / 2, file);
  std::fclose(file);
  BOOST_TEST(wait_until([&] { return site.feed_has("Half written"); }, kChange), daemon.log());
}

BOOST_AUTO_TEST_CASE(a_broken_edit_keeps_the_last_good_version) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  write_file(site.content("nota.md"), post(2301, "Good version", "2025-03-01T09:00:00-06:00"));
  BOOST_TEST_REQUIRE(wait_until([&] { return site.feed_has("Good version"); }, kChange));
  write_file(site.content("nota.md"), "---\ntitle: [unclosed\nnews_id: 2301\n---\nbody\n");
  // The error and what the feeds show meanwhile, on one line.
  auto error_line = [&] {
    std::string log = daemon.log();
    std::size_t at = log.find("nota.md:3:8: error: invalid YAML");
    std::size_t end = at == std::string::npos ? at : log.find('\n', at);
    return end == std::string::npos ? std::string() : log.substr(at, end - at);
  };
  BOOST_TEST(wait_until([&] { return !error_line().empty(); }, kChange), daemon.log());
  std::string line = error_line();
  BOOST_TEST(line.ends_with("; until it is fixed the feeds keep its last good version (id 2301)"), line);
  BOOST_TEST(site.feed_has("Good version"));
  std::filesystem::remove(site.content("nota.md"));
  BOOST_TEST(wait_until([&] { return !site.feed_has("Good version"); }, kChange), daemon.log());
}

BOOST_AUTO_TEST_CASE(a_duplicate_takes_over_when_the_holder_goes) {
  Site site;
  write_file(site.content("a-primero.md"), post(2201, "First holder", "2025-03-01T09:00:00-06:00"));
  write_file(site.content("b-segundo.md"), post(2201, "Second claimant", "2025-03-01T09:00:00-06:00"));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  BOOST_TEST(site.feed_has("First holder"));
  BOOST_TEST(!site.feed_has("Second claimant"));
  BOOST_TEST(daemon.log().find("duplicate id '2201'") != std::string::npos, daemon.log());
  std::filesystem::remove(site.content("a-primero.md"));
  BOOST_TEST(wait_until([&] {
    return site.feed_has("Second claimant") && !site.feed_has("First holder");
  }, kChange), daemon.log());
}

// A folder deleted asks for a full rescan: its post leaves the feeds, and
// the posts whose stamps vouch for them stay. (One post: the fixture's 22
// allow one deletion at once, watch.max_deletions.)
BOOST_AUTO_TEST_CASE(a_folder_deleted_takes_its_post_out_and_the_rest_stays) {
  Site site;
  write_file(site.content("carpeta/uno.md"), post(4101, "Folder post", "2025-03-01T09:00:00-06:00"));
  write_file(site.content("queda.md"), post(4103, "Stays put", "2025-03-03T09:00:00-06:00"));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  BOOST_TEST(site.feed_has("Folder post"));
  BOOST_TEST(site.feed_has("Stays put"));
  std::filesystem::remove_all(site.content("carpeta"));
  // The file's own event may take the post out first; the rescan follows.
  BOOST_TEST(wait_until([&] { return daemon.log().find("directory-removed: ") != std::string::npos; }, kChange),
             daemon.log());
  BOOST_TEST(!site.feed_has("Folder post"));
  BOOST_TEST(site.feed_has("Stays put"));
}

BOOST_AUTO_TEST_CASE(watchdog_pings_arrive) {
  Site site;
  DaemonProcess daemon(site.config_path(), {"WATCHDOG_USEC=200000"});
  require_started(daemon);
  BOOST_TEST(daemon.wait_notify_count("WATCHDOG=1", 3, 5s));
}

BOOST_AUTO_TEST_CASE(a_future_post_appears_at_its_time) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  std::time_t when = std::time(nullptr) + 3;
  write_file(site.content("futura.md"), post(3001, "From the future", rfc3339(when)));
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(!site.feed_has("From the future"));
  BOOST_TEST(wait_until([&] { return site.feed_has("From the future"); }, 3s + kChange),
             daemon.log());
  BOOST_TEST(std::time(nullptr) >= when);
}

BOOST_AUTO_TEST_CASE(reload_keeps_serving_with_a_broken_config) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  write_file(site.config_path(), "site: [broken\n");
  daemon.signal(SIGHUP);
  BOOST_TEST(wait_until([&] { return daemon.log().find("keeping the running configuration") !=
                                     std::string::npos; }, kChange), daemon.log());
  BOOST_TEST(daemon.log().find("herald.yaml:2:1: error: invalid YAML") != std::string::npos,
             daemon.log());
  BOOST_TEST(http_request(site.port, "GET", "/rss.xml").status == 200);
  BOOST_TEST(daemon.running());

  write_file(site.config_path(), test::site_config(site.port, "Titulo recargado"));
  daemon.signal(SIGHUP);
  BOOST_TEST(wait_until([&] { return site.feed_has("Titulo recargado"); }, kChange),
             daemon.log());
  // Two reloads, each RELOADING=1 then READY=1 (the first start sent one READY=1).
  BOOST_TEST(daemon.wait_notify_count("RELOADING=1", 2, 1s));
  BOOST_TEST(daemon.wait_notify_count("READY=1", 3, 1s));
}

BOOST_AUTO_TEST_CASE(sigterm_stops_cleanly) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  daemon.signal(SIGTERM);
  BOOST_TEST(daemon.wait_exit(10s) == 0, daemon.log());
  BOOST_TEST(daemon.wait_notify("STOPPING=1", 1s));
}

BOOST_AUTO_TEST_CASE(socket_activation_serves_the_passed_socket) {
  Site site;
  int activated = test::free_port();
  DaemonProcess daemon(site.config_path(), {},
                       {"systemd-socket-activate", "-l", "127.0.0.1:" + std::to_string(activated),
                        "--fdname=http",
                        // it passes only LISTEN_* unless told otherwise
                        "-E", "NOTIFY_SOCKET"});
  // systemd-socket-activate binds the port, then starts herald on the
  // first connection. herald answers at once: while its first build runs
  // a feed not written yet is 503 with Retry-After (never 404: a reader
  // must not take it for gone), then the feed.
  test::HttpReply reply;
  BOOST_TEST(wait_until([&] {
    reply = http_request(activated, "GET", "/rss.xml");
    if (reply.status == 503) BOOST_TEST(reply.headers["retry-after"] == "5");
    return reply.status != 0 && reply.status != 503;
  }, kStart), daemon.log());
  BOOST_TEST(reply.status == 200, daemon.log());
  BOOST_TEST(reply.body == site.feed("rss.xml"));
  BOOST_TEST(daemon.wait_notify("READY=1", kStart));
  BOOST_TEST(http_request(site.port, "GET", "/rss.xml").status == 0);  // serve.listen unused
}

BOOST_AUTO_TEST_CASE(a_restart_reads_only_changed_files) {
  Site site;
  {
    DaemonProcess first(site.config_path());
    require_started(first);
    first.signal(SIGTERM);
    BOOST_TEST_REQUIRE(first.wait_exit(10s) == 0, first.log());
  }
  write_file(site.content("otra.md"), post(4001, "Added while stopped",
                                           "2025-05-01T09:00:00-06:00"));
  DaemonProcess second(site.config_path());
  require_started(second);
  BOOST_TEST(second.log().find("21 files: 20 unchanged, 1 read") != std::string::npos,
             second.log());
  BOOST_TEST(site.feed_has("Added while stopped"));
}

// Issue 18: a warm start trusts a file's stamp only when all of it holds.
// An edit of the same size whose mtime was put back (`touch -d`, a copy
// that keeps times, two writes within one tick of a coarse clock) still
// changes the inode's ctime, and the post is read again.
BOOST_AUTO_TEST_CASE(a_restart_sees_an_edit_that_kept_size_and_mtime) {
  Site site;
  const std::string path = site.content("igual.md");
  write_file(path, post(4100, "Antes del cambio", "2025-05-01T09:00:00-06:00"));
  {
    DaemonProcess first(site.config_path());
    require_started(first);
    BOOST_TEST_REQUIRE(site.feed_has("Antes del cambio"));
    first.signal(SIGTERM);
    BOOST_TEST_REQUIRE(first.wait_exit(10s) == 0, first.log());
  }
  struct stat before {};
  BOOST_REQUIRE(::stat(path.c_str(), &before) == 0);
  write_file(path, post(4100, "Luego del cambio", "2025-05-01T09:00:00-06:00"));  // same size
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
  struct stat after {};
  BOOST_REQUIRE(::stat(path.c_str(), &after) == 0);
  BOOST_REQUIRE(after.st_size == before.st_size);
  BOOST_REQUIRE(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
  BOOST_REQUIRE(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);

  DaemonProcess second(site.config_path());
  require_started(second);
  BOOST_TEST(second.log().find("the feeds of the last clean stop hold") == std::string::npos, second.log());
  BOOST_TEST(second.log().find("files: 20 unchanged, 1 read") != std::string::npos, second.log());
  BOOST_TEST(site.feed_has("Luego del cambio"));
  BOOST_TEST(!site.feed_has("Antes del cambio"));
}

// Issue 18: a clean stop records the feeds; the next start that finds
// nothing changed (posts, feed files, configuration, binary) is READY and
// serves them before it loads its catalog, then loads it and takes changes
// as usual. Anything changed, or a stop that was not clean, and the start
// loads first.
BOOST_AUTO_TEST_CASE(a_clean_stop_lets_the_next_start_serve_before_it_loads) {
  Site site;
  const std::string vouched = "the feeds of the last clean stop hold";
  {
    DaemonProcess first(site.config_path());
    require_started(first);
    BOOST_TEST(first.log().find(vouched) == std::string::npos, first.log());
    // A first start is READY once its feeds are written, before it records its posts.
    BOOST_TEST(first.wait_notify("READY=1\nSTATUS=serving the feeds just written", 1s), first.log());
    BOOST_TEST(first.log().find("feeds written in ") != std::string::npos, first.log());
    first.signal(SIGTERM);
    BOOST_TEST_REQUIRE(first.wait_exit(10s) == 0, first.log());
    BOOST_TEST(first.log().find("recorded the feeds for the next start: ") != std::string::npos, first.log());
  }
  const std::string rss = site.feed("rss.xml");
  BOOST_TEST_REQUIRE(std::filesystem::exists(site.dir / "state/run-manifest.json"));
  {
    DaemonProcess second(site.config_path());
    require_started(second);
    BOOST_TEST(second.log().find(vouched) != std::string::npos, second.log());
    BOOST_TEST(second.wait_notify("READY=1\nSTATUS=serving the feeds of the last clean stop", 1s));
    // It vouches for one start: the record is gone while the daemon runs.
    BOOST_TEST(!std::filesystem::exists(site.dir / "state/run-manifest.json"));
    BOOST_TEST(http_request(site.port, "GET", "/healthz").status == 200);
    BOOST_TEST(http_request(site.port, "GET", "/rss.xml").body == rss);
    // Once loaded it counts the posts and takes changes.
    BOOST_TEST(wait_until([&] {
      test::CommandResult status = test::herald_cli(site, {"status"});
      return status.out.find("posts: 20 published") != std::string::npos;
    }, kStart), second.log());
    write_file(site.content("nueva.md"), post(4200, "Nueva tras el arranque", "2025-05-01T09:00:00-06:00"));
    BOOST_TEST(wait_until([&] { return site.feed_has("Nueva tras el arranque"); }, kChange), second.log());
    second.signal(SIGTERM);
    BOOST_TEST_REQUIRE(second.wait_exit(10s) == 0, second.log());
  }
  // The configuration changed while stopped: the feeds may change, so the
  // start loads first (the new title is in the feed at READY).
  std::string config = read_file(site.config_path());
  const std::string title = "Noticias de prueba";
  BOOST_TEST_REQUIRE(config.find(title) != std::string::npos);
  config.replace(config.find(title), title.size(), "Noticias renombradas");
  write_file(site.config_path(), config);
  {
    DaemonProcess third(site.config_path());
    require_started(third);
    BOOST_TEST(third.log().find(vouched) == std::string::npos, third.log());
    BOOST_TEST(site.feed_has("Noticias renombradas"));
    // Killed, not stopped: nothing is recorded, and the next start loads first.
    third.signal(SIGKILL);
    third.wait_exit(10s);
  }
  BOOST_TEST(!std::filesystem::exists(site.dir / "state/run-manifest.json"));
  // A record that does not parse (a torn or hand-edited file) vouches for
  // nothing: the start loads first, serves the right feeds, and drops it.
  write_file(site.dir / "state/run-manifest.json", "{\"version\": 1, \"key\": ");
  DaemonProcess fourth(site.config_path());
  require_started(fourth);
  BOOST_TEST(fourth.log().find(vouched) == std::string::npos, fourth.log());
  BOOST_TEST(site.feed_has("Noticias renombradas"));
  BOOST_TEST(!std::filesystem::exists(site.dir / "state/run-manifest.json"));
}

// The outbox is opened beside the check of the last clean stop, not before
// it: a SQLite outbox's quick_check reads all of it (seconds for a site of
// a million posts), a shared one waits for its server. Another process
// holding the outbox.db exclusively stands in for a slow open here: the
// start is READY and serves the feeds meanwhile, applies a SIGHUP once the
// outbox is open, and fails with the outbox's error when it stays held
// past SQLite's busy timeout (5 s).
BOOST_AUTO_TEST_CASE(the_feeds_of_the_last_clean_stop_are_served_while_the_outbox_opens) {
  Site site;
  const std::string outbox = site.dir / "state/outbox.db";
  auto stop_cleanly = [](DaemonProcess& daemon) {
    daemon.signal(SIGTERM);
    BOOST_TEST_REQUIRE(daemon.wait_exit(10s) == 0, daemon.log());
  };
  {
    DaemonProcess first(site.config_path());
    require_started(first);
    stop_cleanly(first);
  }
  const std::string rss = site.feed("rss.xml");
  auto hold_outbox = [&outbox](SqliteDb& other) {
    BOOST_REQUIRE(other.open(outbox).ok());
    BOOST_REQUIRE(other.exec("PRAGMA locking_mode=EXCLUSIVE").ok());
    BOOST_REQUIRE(other.exec("BEGIN EXCLUSIVE").ok());
    BOOST_REQUIRE(other.exec("SELECT count(*) FROM sqlite_schema").ok());
  };
  {
    auto other = std::make_unique<SqliteDb>();
    hold_outbox(*other);
    DaemonProcess second(site.config_path());
    BOOST_TEST_REQUIRE(second.wait_notify("READY=1\nSTATUS=serving the feeds of the last clean stop", 3s),
                       second.log());
    BOOST_TEST(http_request(site.port, "GET", "/rss.xml").body == rss);
    BOOST_TEST(http_request(site.port, "GET", "/healthz").status == 200);
    second.signal(SIGHUP);
    BOOST_TEST(wait_until([&] { return second.log().find("reloaded once the outbox is open") != std::string::npos; },
                          2s), second.log());
    other.reset();  // released within the busy timeout: the start goes on
    BOOST_TEST(wait_until([&] {
      test::CommandResult status = test::herald_cli(site, {"status"});
      return status.out.find("posts: 20 published") != std::string::npos;
    }, kStart), second.log());
    BOOST_TEST(second.log().find("reloading the configuration from") != std::string::npos, second.log());
    write_file(site.content("nueva.md"), post(4201, "Nueva con el buzón abierto", "2025-05-01T09:00:00-06:00"));
    BOOST_TEST(wait_until([&] { return site.feed_has("Nueva con el buzón abierto"); }, kChange), second.log());
    stop_cleanly(second);
  }
  SqliteDb other;
  hold_outbox(other);
  DaemonProcess third(site.config_path());
  BOOST_TEST(third.wait_notify("READY=1\nSTATUS=serving the feeds of the last clean stop", 3s), third.log());
  BOOST_TEST_REQUIRE(third.wait_exit(kStart) == 1, third.log());
  BOOST_TEST(third.log().find("cannot open the outbox: " + outbox) != std::string::npos, third.log());
  BOOST_TEST(third.log().find("database is locked") != std::string::npos, third.log());
  // A start that failed vouches for nothing.
  BOOST_TEST(!std::filesystem::exists(site.dir / "state/run-manifest.json"));
}

// A start that must load (a post was written while herald was stopped, so
// the last stop's record does not hold: an upgrade's start, too) reads the
// posts and writes its feeds while the outbox opens, and announces the new
// post once it is open. When the outbox stays held past SQLite's busy
// timeout, it exits 1 with its feeds written, and the post it could not
// announce is announced by the next start.
BOOST_AUTO_TEST_CASE(a_start_that_loads_writes_its_feeds_while_the_outbox_opens) {
  test::HttpReceiver receiver;
  Site site(20, "targets:\n"
                "  - name: hook\n"
                "    type: webhook\n"
                "    url: \"" + receiver.url("/hooks/hook") + "\"\n"
                "    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n");
  const std::string outbox = site.dir / "state/outbox.db";
  auto stop_cleanly = [](DaemonProcess& daemon) {
    daemon.signal(SIGTERM);
    BOOST_TEST_REQUIRE(daemon.wait_exit(10s) == 0, daemon.log());
  };
  auto announced_ids = [&receiver] {
    std::vector<std::string> ids;
    for (const test::ReceivedRequest& request : receiver.requests()) {
      ids.emplace_back(boost::json::parse(request.body).at("data").at("id").as_string());
    }
    return ids;
  };
  auto hold_outbox = [&outbox](SqliteDb& other) {
    BOOST_REQUIRE(other.open(outbox).ok());
    BOOST_REQUIRE(other.exec("PRAGMA locking_mode=EXCLUSIVE").ok());
    BOOST_REQUIRE(other.exec("BEGIN EXCLUSIVE").ok());
    BOOST_REQUIRE(other.exec("SELECT count(*) FROM sqlite_schema").ok());
  };
  {
    DaemonProcess first(site.config_path());
    require_started(first);  // the 20 posts count as announced
    stop_cleanly(first);
  }
  write_file(site.content("nueva.md"), post(4301, "Escrita con herald detenido", "2025-05-01T09:00:00-06:00"));
  {
    auto other = std::make_unique<SqliteDb>();
    hold_outbox(*other);
    DaemonProcess second(site.config_path());
    BOOST_TEST_REQUIRE(second.wait_notify("READY=1\nSTATUS=serving the feeds just written", kStart), second.log());
    BOOST_TEST(site.feed_has("Escrita con herald detenido"));
    BOOST_TEST(second.log().find("the outbox is open") == std::string::npos, second.log());
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(receiver.count() == 0u);  // not announced while the outbox is held
    other.reset();  // released within the busy timeout: the start goes on
    BOOST_TEST_REQUIRE(receiver.wait_for_count(1, 15s), second.log());
    BOOST_TEST(announced_ids() == std::vector<std::string>{"4301"});
    BOOST_TEST(wait_until([&] {
      return test::herald_cli(site, {"status"}).out.find("posts: 21 published") != std::string::npos;
    }, kStart), second.log());
    stop_cleanly(second);
  }
  write_file(site.content("otra.md"), post(4302, "Escrita con el buzón tomado", "2025-05-02T09:00:00-06:00"));
  {
    SqliteDb other;
    hold_outbox(other);
    DaemonProcess third(site.config_path());
    BOOST_TEST_REQUIRE(third.wait_notify("READY=1\nSTATUS=serving the feeds just written", kStart), third.log());
    BOOST_TEST(site.feed_has("Escrita con el buzón tomado"));
    BOOST_TEST_REQUIRE(third.wait_exit(kStart) == 1, third.log());
    BOOST_TEST(third.log().find("cannot open the outbox: " + outbox) != std::string::npos, third.log());
    BOOST_TEST(!std::filesystem::exists(site.dir / "state/run-manifest.json"));
  }
  BOOST_TEST(receiver.count() == 1u);
  DaemonProcess fourth(site.config_path());
  require_started(fourth);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, 15s), fourth.log());
  BOOST_TEST((announced_ids() == std::vector<std::string>{"4301", "4302"}));
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(receiver.count() == 2u, fourth.log());  // each once
  stop_cleanly(fourth);
}

BOOST_AUTO_TEST_CASE(bad_config_exits_2) {
  test::TempDir dir;
  write_file(dir / "herald.yaml", "site: {}\n");
  DaemonProcess daemon(dir / "herald.yaml");
  BOOST_TEST(daemon.wait_exit(10s) == 2);
  BOOST_TEST(daemon.log().find("herald.yaml:1:") != std::string::npos, daemon.log());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
