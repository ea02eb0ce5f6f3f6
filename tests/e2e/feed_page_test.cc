// A feed's HTML page seen by a real browser: headless Chromium opens the
// feed's URL on `herald run`'s server (it sends a browser's Accept, so it
// gets the page) and the page's file on disk, and the test reads the DOM it
// built: entry titles and links, the subscribe field's value, the format
// links, and no console message (no script error). Skipped when no
// chromium binary exists. Chromium resolves no name but 127.0.0.1: the
// posts' images, on the site's public host, are never fetched.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/e2e/site_fixture.h"

namespace herald {
namespace {

using namespace test;

std::string chromium_binary() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (std::filesystem::exists(path)) return path;
  }
  return "";
}

// The DOM Chromium built from `url` (stdout) and its log (stderr); bounded
// by `timeout`, which kills Chromium's process group.
CommandResult dump_dom(const std::string& chromium, const std::string& url, const TempDir& profile) {
  return run_command({"timeout", "-k", "5", "90", chromium, "--headless=new", "--no-sandbox",
                      "--disable-gpu", "--no-first-run", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync",
                      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                      "--user-data-dir=" + (profile / "profile"), "--enable-logging=stderr",
                      "--v=0", "--virtual-time-budget=2000", "--dump-dom", url});
}

// The lines of Chromium's log from the page's console (messages and
// uncaught errors), but failed loads of the posts' images, which cannot
// resolve here by design.
std::string console_lines(const std::string& log) {
  std::string lines;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    std::string line = log.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.find(":CONSOLE") != std::string::npos &&
        line.find("net::ERR_NAME_NOT_RESOLVED") == std::string::npos) {
      lines += line + "\n";
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

void check_page_dom(const CommandResult& r, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST(r.exit_code == 0);
    const std::string& dom = r.out;
    BOOST_TEST(dom.find("<html lang=\"es-MX\">") != std::string::npos);
    BOOST_TEST(dom.find("<h1>Noticias de prueba</h1>") != std::string::npos);
    // The newest entry: its title linked to its post.
    BOOST_TEST(dom.find("Noticia 1002</a>") != std::string::npos);
    BOOST_TEST(dom.find("href=\"https://noticias.example.org/noticias/") != std::string::npos);
    BOOST_TEST(dom.find("id=\"feed-url\" type=\"url\" readonly=\"\" "
                        "value=\"https://noticias.example.org/rss.xml\"") != std::string::npos);
    BOOST_TEST(dom.find("href=\"https://noticias.example.org/atom.xml\" "
                        "type=\"application/atom+xml\">Atom</a>") != std::string::npos);
    BOOST_TEST(dom.find("href=\"https://noticias.example.org/feed.json\" "
                        "type=\"application/feed+json\">JSON Feed</a>") != std::string::npos);
    // The script ran: the copy button is shown.
    BOOST_TEST(dom.find("id=\"copy-feed-url\" data-copied=\"Copiada\">Copiar</button>") !=
               std::string::npos);
    BOOST_TEST(console_lines(r.err) == "");
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(feed_page_browser)

BOOST_AUTO_TEST_CASE(chromium_shows_the_page_at_the_feed_url_and_from_the_file) {
  std::string chromium = chromium_binary();
  if (chromium.empty()) {
    BOOST_TEST_MESSAGE("skipped: no chromium binary (apt-get install chromium)");
    return;
  }
  Site site(3);
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  TempDir profile;
  check_page_dom(dump_dom(chromium, "http://127.0.0.1:" + std::to_string(site.port) + "/rss.xml",
                          profile),
                 "served at the feed's URL");
  check_page_dom(dump_dom(chromium, "file://" + (site.dir / "public/feed.html"), profile),
                 "opened from the file");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
