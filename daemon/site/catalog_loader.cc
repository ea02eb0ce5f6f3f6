#include "daemon/site/catalog_loader.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "daemon/base/file_io.h"
#include "daemon/site/post_reader.h"
#include "daemon/site/post_record.h"
#include "daemon/watch/content_scanner.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

enum class Source { reused, hashed_same, parsed };

// What became of one post file.
struct FileOutcome {
  Source source = Source::parsed;
  PostParseResult result;
  std::optional<FileStamp> stamp;  // none: the file could not be stat'ed
  std::int64_t stamped_ns = 0;
  std::string hash;                // empty: the file could not be read
};

// The stored post or diagnostic of `entry`; false when its record is unusable.
bool take_stored(const StoredEntry& entry, PostParseResult* result) {
  if (entry.error) {
    result->error = *entry.error;
    return true;
  }
  Result<Post> post = decode_post_record(entry.record, entry.path);
  if (!post.ok()) return false;
  result->post = *std::move(post);
  return true;
}

class FileJudge {
 public:
  FileJudge(const Config& config, SiteFiles& files, const TimeZone& zone,
            std::int64_t racy_window_ns)
      : config_(config), files_(files), zone_(zone), racy_window_ns_(racy_window_ns) {}

  // `stored` belongs to this file alone: its record is released once decoded.
  FileOutcome judge(const std::string& relative, StoredEntry* stored) const {
    FileOutcome out;
    const std::string full = config_.content.dir + "/" + relative;
    out.stamped_ns = files_.stamp_clock_ns();  // before stat and read: see file_stamp.h
    if (Result<FileStamp> stamp = files_.stamp(full); stamp.ok()) out.stamp = *stamp;
    if (stored && out.stamp &&
        judge_stamp(stored->stamp, stored->stamped_ns, *out.stamp, racy_window_ns_) ==
            StampVerdict::reuse &&
        take_stored(*stored, &out.result)) {
      out.source = Source::reused;
      out.hash = stored->hash;
      std::string().swap(stored->record);
      return out;
    }
    const PostRules& rules = config_.content.rules;
    ReadResult file = files_.read(full, rules.max_bytes);
    if (file.status.ok() && out.stamp) out.hash = content_hash(file.bytes);
    if (stored && !out.hash.empty() && out.hash == stored->hash && take_stored(*stored, &out.result)) {
      out.source = Source::hashed_same;
      std::string().swap(stored->record);
      return out;
    }
    out.result = parse_read_result(relative, file, rules, zone_);
    if (out.result.post) std::string().swap(out.result.post->body);
    return out;
  }

 private:
  const Config& config_;
  SiteFiles& files_;
  const TimeZone& zone_;
  std::int64_t racy_window_ns_;
};

void for_each_index(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) work(i);
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::clamp<unsigned>(threads, 1, 64); ++t) workers.emplace_back(worker);
  worker();
  for (std::thread& w : workers) w.join();
}

// Saves what changed in one transaction; returns the first failure.
Status save(CatalogStore& store, const std::vector<std::string>& files,
            const std::vector<FileOutcome>& outcomes, const std::vector<std::string>& gone,
            const std::unordered_map<std::string_view, StoredEntry*>& stored,
            IncrementalLoadReport& report) {
  bool any = !gone.empty();
  for (const FileOutcome& out : outcomes) any = any || out.source != Source::reused;
  if (!any) return {};
  Status s = store.begin();
  for (std::size_t i = 0; s.ok() && i < files.size(); ++i) {
    const FileOutcome& out = outcomes[i];
    if (out.source == Source::reused) continue;
    if (out.hash.empty()) {  // unreadable: nothing worth keeping
      if (stored.count(files[i])) {
        s = store.remove(files[i]);
        ++report.removed;
      }
    } else if (out.result.post) {
      s = store.put(files[i], *out.stamp, out.stamped_ns, out.hash, *out.result.post);
    } else {
      s = store.put_error(files[i], *out.stamp, out.stamped_ns, out.hash, *out.result.error);
    }
  }
  for (std::size_t i = 0; s.ok() && i < gone.size(); ++i) {
    s = store.remove(gone[i]);
    ++report.removed;
  }
  if (s.ok()) return store.commit();
  store.rollback();
  return s;
}

}  // namespace

IncrementalLoadReport load_catalog_incremental(const Config& config, CatalogStore& store,
                                               Catalog& catalog,
                                               const IncrementalLoadOptions& options) {
  IncrementalLoadReport report;
  ContentFilter filter{config.content.include, config.content.exclude};
  ScanResult scan = options.files->scan(config.content.dir, filter);
  report.files = scan.files.size();
  report.errors = std::move(scan.errors);
  const TimeZone zone = site_zone(config.site);

  std::vector<StoredEntry> entries;
  Status loaded = store.load(&entries);
  if (!loaded.ok()) {
    report.store_error = loaded.message;
    entries.clear();  // parse everything; rows are replaced below
  }
  // The stored records are released as they are decoded, so that the stored
  // rows and the decoded posts are not both whole in memory at once.
  std::unordered_map<std::string_view, StoredEntry*> stored;
  stored.reserve(entries.size());
  for (StoredEntry& e : entries) stored.emplace(e.path, &e);

  std::vector<FileOutcome> outcomes(scan.files.size());
  FileJudge judge(config, *options.files, zone, options.racy_window_ns);
  for_each_index(scan.files.size(), options.threads, [&](std::size_t i) {
    auto it = stored.find(scan.files[i]);
    outcomes[i] = judge.judge(scan.files[i], it == stored.end() ? nullptr : it->second);
  });

  std::unordered_set<std::string_view> present(scan.files.begin(), scan.files.end());
  std::vector<std::string> gone;
  std::vector<StoredEntry*> missing_posts;
  std::size_t stored_posts = 0;
  for (StoredEntry& e : entries) {
    if (!e.error) ++stored_posts;
    if (present.count(e.path)) continue;
    if (!e.error) missing_posts.push_back(&e);
    gone.push_back(e.path);
  }
  std::vector<Post> held;
  if (!missing_posts.empty() && options.hold_missing &&
      options.hold_missing(missing_posts.size(), stored_posts)) {
    // Kept as stored: the files may come back (an unmounted directory).
    std::unordered_set<std::string_view> kept;
    for (StoredEntry* e : missing_posts) {
      PostParseResult stored_post;
      if (!take_stored(*e, &stored_post) || !stored_post.post) continue;
      kept.insert(e->path);
      report.held.push_back(e->path);
      held.push_back(std::move(*stored_post.post));
    }
    std::erase_if(gone, [&](const std::string& path) { return kept.count(path) != 0; });
  }
  Status saved = save(store, scan.files, outcomes, gone, stored, report);
  if (!saved.ok() && report.store_error.empty()) report.store_error = saved.message;

  auto located = [&](Diagnostic d) {  // as the user finds the file: under content.dir
    d.path = config.content.dir + "/" + d.path;
    return d;
  };
  catalog.limit_feeds(config.feeds);
  for (FileOutcome& out : outcomes) {  // path order: duplicate ids resolve stably
    switch (out.source) {
      case Source::reused: ++report.reused; break;
      case Source::hashed_same: ++report.hashed_same; break;
      case Source::parsed: ++report.parsed; break;
    }
    if (out.result.error) {
      report.errors.push_back(located(std::move(*out.result.error)));
    } else if (auto dup = catalog.upsert(std::move(*out.result.post))) {
      report.errors.push_back(located(std::move(*dup)));
    }
  }
  for (Post& post : held) {
    if (auto dup = catalog.upsert(std::move(post))) report.errors.push_back(located(std::move(*dup)));
  }
  return report;
}

}  // namespace herald
