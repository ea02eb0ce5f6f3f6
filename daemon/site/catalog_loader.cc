#include "daemon/site/catalog_loader.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "daemon/base/file_io.h"
#include "daemon/site/ordered_work.h"
#include "daemon/site/post_reader.h"
#include "daemon/site/post_record.h"
#include "daemon/watch/content_scanner.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

enum class Source { reused, hashed_same, parsed };

// What became of one post file, from its judging until it is taken. The parse
// result is on the heap, and a post goes into the catalog as soon as the
// files before it are judged, so that the decoded posts are never all held
// beside the catalog's records (a Post is ~500 bytes before its strings).
struct FileOutcome {
  Source source = Source::parsed;
  std::unique_ptr<PostParseResult> result;  // set by judge()
  std::optional<FileStamp> stamp;  // none: the file could not be stat'ed
  std::int64_t stamped_ns = 0;
  PackedHash hash;                 // none: the file could not be read
  bool stored = false;             // the store had a row for it
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
    out.result = std::make_unique<PostParseResult>();
    out.stored = stored != nullptr;
    const std::string full = config_.content.dir + "/" + relative;
    out.stamped_ns = files_.stamp_clock_ns();  // before stat and read: see file_stamp.h
    if (Result<FileStamp> stamp = files_.stamp(full); stamp.ok()) out.stamp = *stamp;
    if (stored && out.stamp &&
        judge_stamp(stored->stamp, stored->stamped_ns, *out.stamp, racy_window_ns_) ==
            StampVerdict::reuse &&
        take_stored(*stored, out.result.get())) {
      out.source = Source::reused;
      out.hash = PackedHash(stored->hash);
      std::string().swap(stored->record);
      return out;
    }
    const PostRules& rules = config_.content.rules;
    ReadResult file = files_.read(full, rules.max_bytes);
    if (file.status.ok() && out.stamp) out.hash = PackedHash::of(file.bytes);
    if (stored && out.hash.present() && out.hash == PackedHash(stored->hash) &&
        take_stored(*stored, out.result.get())) {
      out.source = Source::hashed_same;
      std::string().swap(stored->record);
      return out;
    }
    *out.result = parse_read_result(relative, file, rules, zone_);
    if (out.result->post) out.result->post->body.clear();
    return out;
  }

 private:
  const Config& config_;
  SiteFiles& files_;
  const TimeZone& zone_;
  std::int64_t racy_window_ns_;
};

}  // namespace

IncrementalLoadReport load_catalog_incremental(const Config& config, CatalogStore& store,
                                               Catalog& catalog, KnownFiles& known,
                                               const IncrementalLoadOptions& options) {
  IncrementalLoadReport report;
  ContentFilter filter{config.content.include, config.content.exclude};
  ScanResult scan = options.files->scan(config.content.dir, filter);
  report.files = scan.files.size();
  report.errors = std::move(scan.errors);
  const TimeZone zone = site_zone(config.site);

  // The stored rows come in path order, as scan.files are sorted: a chunk
  // of rows at a time judges the files up to its last path (on `threads`
  // workers), and its records are released as they are decoded, so that
  // neither the whole store nor all of its records are ever in memory.
  constexpr std::size_t kRowsPerChunk = 4096;
  std::vector<FileOutcome> slice(kRowsPerChunk);  // judged, not yet taken: file k of a run in slot k % size
  FileJudge judge(config, *options.files, zone, options.racy_window_ns);
  std::vector<StoredEntry> chunk;
  std::vector<StoredEntry> missing;  // rows of files not found (posts kept whole: they may be held)
  std::size_t stored_posts = 0;
  auto located = [&](Diagnostic d) { return in_content_dir(std::move(d), config.content.dir); };
  catalog.limit_feeds(config.feeds);
  // Room for the posts a running site adds after its load, too: the first
  // post past a table's room would grow it, which at a million posts copies
  // it whole (half a second, and both copies held) before the feeds see it.
  const std::size_t room = scan.files.size() + scan.files.size() / 32 + 1024;
  catalog.reserve(catalog.size() + room);
  known.reserve(known.size() + room);
  // Files judged, in path order, go into the catalog (duplicate ids resolve
  // stably), their paths, stamps and hashes into `known` (or, refused, into
  // the report), and what the save needs besides into report.save.
  CatalogSave& save = report.save;
  auto take_judged = [&](std::size_t i, FileOutcome& out) {
    std::string& path = scan.files[i];
    switch (out.source) {
      case Source::reused: ++report.reused; break;
      case Source::hashed_same: ++report.hashed_same; break;
      case Source::parsed: ++report.parsed; break;
    }
    std::optional<Diagnostic> refused;
    if (out.result->error) {
      report.errors.push_back(located(*out.result->error));
    } else {
      refused = catalog.upsert(std::move(*out.result->post));
      if (refused) report.errors.push_back(located(*refused));
    }
    if (!out.stamp || !out.hash.present()) {
      if (out.stored) save.removed.push_back(std::move(path));  // unreadable: read again next time
    } else if (refused) {
      report.refused.push_back(RefusedFile{std::move(path), KnownFile{*out.stamp, out.stamped_ns, out.hash}});
    } else {
      std::uint32_t entry = known.set(path, KnownFile{*out.stamp, out.stamped_ns, out.hash});
      if (out.source != Source::reused) {
        std::unique_ptr<Diagnostic> error;
        if (out.result->error) error = std::make_unique<Diagnostic>(std::move(*out.result->error));
        save.rows.push_back(CatalogSave::Row{entry, std::move(error)});
      }
    }
    std::string().swap(path);
    out = FileOutcome();
  };
  std::size_t judged = 0;  // scan.files before it are judged and in the catalog
  // The chunk's rows all sort after the files judged before (rows and files
  // in path order): a row no file of this call finds has no file.
  auto judge_until = [&](std::size_t end) {
    std::unordered_map<std::string_view, std::size_t> by_path;  // row of the chunk
    by_path.reserve(chunk.size());
    for (std::size_t r = 0; r < chunk.size(); ++r) by_path.emplace(chunk[r].path, r);
    std::vector<char> found(chunk.size(), 0);  // each row set by the one worker that judges its file
    // Judged on the workers, taken in path order as soon as judged; a
    // slice of judged files at most waits, so that a first start holds few
    // posts twice.
    const std::size_t from = judged;
    run_ordered(
        end - from, options.threads, slice.size(),
        [&](std::size_t k) {
          const std::string& file = scan.files[from + k];
          auto it = by_path.find(file);
          StoredEntry* stored = nullptr;
          if (it != by_path.end()) {
            found[it->second] = 1;
            stored = &chunk[it->second];
          }
          slice[k % slice.size()] = judge.judge(file, stored);
        },
        [&](std::size_t k) { take_judged(from + k, slice[k % slice.size()]); });
    judged = end;
    for (std::size_t r = 0; r < chunk.size(); ++r) {
      if (!found[r]) missing.push_back(std::move(chunk[r]));
    }
    chunk.clear();
  };
  auto take_row = [&](StoredEntry row) {
    if (!row.error) ++stored_posts;
    chunk.push_back(std::move(row));
    if (chunk.size() < kRowsPerChunk) return;
    const std::string& last = chunk.back().path;
    judge_until(static_cast<std::size_t>(
        std::upper_bound(scan.files.begin() + static_cast<std::ptrdiff_t>(judged), scan.files.end(), last) -
        scan.files.begin()));
  };
  Status loaded = store.load(take_row);
  if (!loaded.ok()) {
    report.store_error = loaded.message;
    chunk.clear();  // parse what is left; rows are replaced below
    missing.clear();
    stored_posts = 0;
  }
  judge_until(scan.files.size());

  std::vector<std::string> gone;
  std::vector<StoredEntry*> missing_posts;
  for (StoredEntry& e : missing) {
    if (!e.error) missing_posts.push_back(&e);
    gone.push_back(e.path);
  }
  std::vector<std::pair<StoredEntry*, Post>> held;
  if (!missing_posts.empty() && options.hold_missing &&
      options.hold_missing(missing_posts.size(), stored_posts)) {
    // Kept as stored: the files may come back (an unmounted directory).
    std::unordered_set<std::string_view> kept;
    for (StoredEntry* e : missing_posts) {
      PostParseResult stored_post;
      if (!take_stored(*e, &stored_post) || !stored_post.post) continue;
      kept.insert(e->path);
      report.held.push_back(e->path);
      held.emplace_back(e, std::move(*stored_post.post));
    }
    std::erase_if(gone, [&](const std::string& path) { return kept.count(path) != 0; });
  }
  for (std::string& path : gone) save.removed.push_back(std::move(path));
  for (auto& [e, post] : held) {
    KnownFile file{e->stamp, e->stamped_ns, PackedHash(e->hash)};
    if (auto dup = catalog.upsert(std::move(post))) {
      report.errors.push_back(located(std::move(*dup)));
      report.refused.push_back(RefusedFile{e->path, file});
    } else {
      known.set(e->path, file);
    }
  }
  return report;
}

Status save_loaded_catalog(CatalogStore& store, const Catalog& catalog, const KnownFiles& known,
                           IncrementalLoadReport& report) {
  CatalogSave save = std::exchange(report.save, {});
  if (save.rows.empty() && save.removed.empty()) return {};
  Status s = store.begin();
  for (std::size_t i = 0; s.ok() && i < save.rows.size(); ++i) {
    const CatalogSave::Row& row = save.rows[i];
    const std::string path(known.path_of(row.known));
    const KnownFile& file = known.at(row.known);
    if (row.error) {
      s = store.put_error(path, file.stamp, file.stamped_ns, file.hash.hex(), *row.error);
    } else if (const Post* post = catalog.find_by_path(path)) {
      s = store.put(path, file.stamp, file.stamped_ns, file.hash.hex(), *post);
    }
  }
  for (std::size_t i = 0; s.ok() && i < save.removed.size(); ++i) {
    s = store.remove(save.removed[i]);
    ++report.removed;
  }
  if (s.ok()) return store.commit();
  store.rollback();
  return s;
}

}  // namespace herald
