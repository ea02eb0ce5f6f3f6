#include "tests/e2e/feed_consumers.h"

#include <sstream>

#include "tests/support/test_support.h"

namespace herald::test {
namespace {

std::string problems_of(const CommandResult& r) {
  if (r.exit_code == 0 && r.out.empty()) return "";
  return "exit " + std::to_string(r.exit_code) + "\n" + r.out + r.err;
}

std::vector<std::string> with_files(std::vector<std::string> argv,
                                    const std::vector<std::string>& files) {
  argv.insert(argv.end(), files.begin(), files.end());
  return argv;
}

constexpr const char* kFeedparserScript = R"PY(
import sys, feedparser
bad = 0
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    if d.bozo:
        print(path, "bozo:", d.bozo_exception); bad += 1
    for e in d.entries:
        for key in ("id", "title", "link", "published_parsed"):
            if not e.get(key):
                print(path, "entry without", key, e.get("id")); bad += 1
sys.exit(1 if bad else 0)
)PY";

constexpr const char* kJsonFeedScript = R"PY(
import sys, json
bad = 0
for path in sys.argv[1:]:
    feed = json.load(open(path, encoding="utf-8"))
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        print(path, "wrong version"); bad += 1
    for key in ("title", "home_page_url", "feed_url", "items"):
        if key not in feed:
            print(path, "missing", key); bad += 1
    ids = set()
    for item in feed.get("items", []):
        for key in ("id", "url", "title", "date_published"):
            if not isinstance(item.get(key), str) or not item[key]:
                print(path, "item without", key, item.get("id")); bad += 1
        if item.get("id") in ids:
            print(path, "duplicate id", item.get("id")); bad += 1
        ids.add(item.get("id"))
sys.exit(1 if bad else 0)
)PY";

}  // namespace

std::string xmllint_problems(const std::vector<std::string>& files) {
  return problems_of(run_command(with_files({"xmllint", "--noout", "--nonet"}, files)));
}

std::string jing_atom_problems(const std::vector<std::string>& files) {
  return problems_of(
      run_command(with_files({"jing", "-c", shared_dir() + "/schemas/atom.rnc"}, files)));
}

std::string feedparser_problems(const std::vector<std::string>& files) {
  return problems_of(run_command(with_files({"/usr/bin/python3", "-c", kFeedparserScript}, files)));
}

std::string json_feed_problems(const std::vector<std::string>& files) {
  return problems_of(run_command(with_files({"/usr/bin/python3", "-c", kJsonFeedScript}, files)));
}

std::vector<SfeedItem> sfeed_items(const std::string& feed_file) {
  CommandResult r = run_command({"/bin/sh", "-c", "sfeed < \"$0\"", feed_file});
  std::vector<SfeedItem> items;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      f.push_back(line.substr(start, tab - start));
    }
    f.push_back(line.substr(start));
    f.resize(9);
    items.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]});
  }
  return items;
}

}  // namespace herald::test
