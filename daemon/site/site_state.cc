#include "daemon/site/site_state.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <spdlog/spdlog.h>

#include "config/indexnow_key.h"
#include "daemon/base/file_io.h"
#include "daemon/base/file_stamp.h"
#include "daemon/base/malloc_tuning.h"
#include "daemon/site/catalog_loader.h"
#include "daemon/site/catalog_store.h"
#include "daemon/site/image_sizes.h"
#include "daemon/site/known_files.h"
#include "daemon/site/output_budget.h"
#include "daemon/site/post_reader.h"
#include "daemon/site/site_build.h"
#include "daemon/site/site_files.h"
#include "daemon/watch/content_scanner.h"
#include "feeds/catalog.h"
#include "feeds/feed_key.h"
#include "feeds/site_renderer.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

void add_keys(std::set<FeedKey>& into, const std::vector<FeedKey>& keys) {
  into.insert(keys.begin(), keys.end());
}

}  // namespace

std::string catalog_fingerprint(const Config& config) {
  const PostRules& rules = config.content.rules;
  const FieldMap& f = rules.fields;
  std::string print = std::string("herald ") + HERALD_VERSION;
  for (const std::string* part :
       {&config.site.timezone, &f.id, &f.title, &f.date, &f.updated, &f.author, &f.summary,
        &f.section, &f.tags, &f.image, &f.image_alt, &rules.permalink, &rules.excerpt_separator}) {
    print += '\x1f';
    print += *part;
  }
  print += rules.liquid ? "\x1eliquid" : "\x1eno-liquid";  // summaries hold rendered Liquid
  for (const auto* list : {&f.guid, &rules.absent_values}) {
    print += '\x1e';
    for (const std::string& item : *list) print += item + '\x1f';
  }
  const MarkdownLimits& m = rules.markdown;
  for (std::size_t limit : {rules.max_bytes, static_cast<std::size_t>(rules.max_depth),
                            rules.max_nodes, rules.max_tags, rules.max_tag_bytes,
                            static_cast<std::size_t>(m.max_nesting), m.max_html_tags,
                            m.max_table_cells, m.max_images, m.max_html_bytes}) {
    print += '\x1e' + std::to_string(limit);
  }
  return print;
}

class SiteState::Impl {
 public:
  Impl(const Config& config, CatalogStore* store, SiteFiles& files)
      : config_(config),
        store_(store),
        files_(files),
        zone_(site_zone(config.site)),
        filter_{config.content.include, config.content.exclude},
        renderer_(make_renderer()),
        budget_(config.output.max_bytes) {
    catalog_.limit_feeds(config.feeds);
  }

  ChangeReport load(const Timestamp& now, const std::function<void()>& rendered);
  ChangeReport apply(std::vector<std::string> paths, const Timestamp& now);
  // A full rescan looks at every post file: all are stamped at once (a
  // directory at a time, on kFileWorkers threads), and only those whose
  // stamp does not vouch for the post the catalog holds go through apply()
  // (which looks at each alone: four stats of its whole path, 19 s of the
  // site thread at 1,000,000 posts). Vouched-for files are regular, in the
  // catalog and not vanishing, so apply() would change nothing for them.
  ChangeReport rescan(const Timestamp& now);
  // The paths known or in the catalog that are not among `listed`; a path
  // in both is there twice (apply() takes each path once).
  std::vector<std::string> unlisted_paths(const std::vector<std::string>& listed) const;
  ChangeReport publish_due(const Timestamp& now);
  ChangeReport confirm_deletions(const Timestamp& now);
  std::optional<DeletionHold> hold() const;
  std::vector<Diagnostic> broken() const {
    std::vector<Diagnostic> out;
    for (const auto& [path, error] : broken_) out.push_back(error);
    return out;
  }
  // The earliest post the clock has not published yet: dated after the last
  // publish_due, so it may already be due. Asking "after now" instead would
  // lose a post whose time passed between its timer being set and firing
  // (a change in that window, or a coarse clock read a tick behind the timer).
  // The news sitemap's next expiry counts too: publish_due renders it then.
  std::optional<Timestamp> next_scheduled(const Timestamp& now) const {
    const Post* next = catalog_.next_scheduled(std::min(now, due_checked_));
    std::optional<Timestamp> news = renderer_ ? renderer_->news_sitemap_expiry() : std::nullopt;
    if (next && (!news || next->date < *news)) return next->date;
    return news;
  }
  const Catalog& catalog() const { return catalog_; }
  Result<BuildManifest> vouch(std::string key, const Timestamp& now);
  PostCounts counts(const Timestamp& now) const {
    PostCounts counts;
    counts.scheduled = catalog_.scheduled_count(now);
    counts.published = catalog_.published_count(now);
    counts.drafts = catalog_.size() - counts.published - counts.scheduled;
    return counts;
  }

 private:
  std::unique_ptr<SiteRenderer> make_renderer() {
    return std::make_unique<SiteRenderer>(config_.site, config_.content.rules, config_.feeds,
                                          [this](const Post& post) {
                                            return read_body(files_, config_.content.dir, post,
                                                             config_.content.rules, zone_);
                                          },
                                          image_sizes(config_.site, files_, &images_));
  }
  std::string full_path(const std::string& relative) const {
    return config_.content.dir + "/" + relative;
  }
  Diagnostic located(Diagnostic error) const { return in_content_dir(std::move(error), config_.content.dir); }
  // Whether removing `removed` of `posts` posts at once passes watch.max_deletions.
  bool too_many_deletions(std::size_t removed, std::size_t posts) const {
    const WatchConfig::MaxDeletions& max = config_.watch.max_deletions;
    return removed > max.posts || (removed >= 2 && removed * 100 > max.percent * posts);
  }
  // Takes out of `paths` (and into held_) the posts it would delete when
  // they must be held; the held paths of earlier batches are looked at again.
  void hold_deletions(std::vector<std::string>& paths);
  // A file that failed (or stopped failing) to become a post.
  void set_broken(const std::string& relative, const Diagnostic& located_error) {
    broken_[relative] = located_error;
  }
  // One path of a change batch; feeds to re-render go to `affected`.
  void process(const std::string& relative, std::set<FeedKey>& affected, ChangeReport& report);
  // The path holds no post any more (gone, or no longer a post file).
  void remove(const std::string& relative, std::set<FeedKey>& affected, ChangeReport& report);
  // What a change of the catalog means for this batch: the posts touched,
  // the feeds to render, the renderer's cache, the count and the log line;
  // refused files are retried when an id was given up.
  void took_effect(const std::string& relative, const CatalogChange& change,
                   std::set<FeedKey>& affected, ChangeReport& report);
  void forget_file(const std::string& relative);
  // Remembers how post `id` was before the current batch (first touch wins).
  void note_touch(const std::string& id) {
    if (touched_.count(id) != 0) return;
    const Post* post = catalog_.find(id);
    touched_.emplace(id, post ? std::optional<Post>(*post) : std::nullopt);
  }
  // The same for both ids of a catalog change: the old id was the path's
  // post, a new id was nobody's (or the catalog would have refused it).
  void note_touch(const CatalogChange& change) {
    if (change.before) touched_.try_emplace(change.before->id, change.before);
    if (change.after) touched_.try_emplace(change.after->id, std::nullopt);
  }
  // The archive months (archive_plan.h) of this batch's posts, before and now.
  std::vector<ArchiveMonth> touched_months() const {
    std::set<ArchiveMonth> months;
    for (const auto& [id, before] : touched_) {
      if (before) months.insert(archive_month(*before));
      if (const Post* post = catalog_.find(id)) months.insert(archive_month(*post));
    }
    return {months.begin(), months.end()};
  }
  void take_edits(ChangeReport& report) {
    for (auto& [id, before] : touched_) report.post_edits.push_back(PostEdit{id, std::move(before)});
    touched_.clear();
  }
  // Files refused because another file held their id get another chance
  // whenever a post goes away or changes its id.
  void retry_refused(std::set<FeedKey>& affected, ChangeReport& report);
  void publish(FeedUpdate update, ChangeReport& report);
  // Every feed, the stylesheet and the IndexNow key files, streamed in batches: a large site's
  // feeds never sit in memory at once.
  void render_everything(const Timestamp& now, ChangeReport& report) {
    // 64 files or 8 MiB a batch: a few months of a large archive, not
    // dozens of them, are in memory at once. After a batch that large (an
    // archive month at 1,000,000 posts) the memory its documents took is
    // handed back: left to the allocator, the render's churn kept about
    // 100 MiB more resident above the catalog, the start's peak.
    constexpr std::size_t kBatch = 64;
    constexpr std::size_t kBatchBytes = 8 << 20;
    std::vector<OutputFile> batch;
    std::size_t batch_bytes = 0;
    bool within_budget = true;  // past it, the rest keep their last version too
    // The entries and documents are built on two threads, as `herald
    // build` does (the sink runs on this one).
    renderer_->render_all(
        catalog_, now,
        [&](OutputFile file) {
          batch_bytes += file.bytes.size();
          batch.push_back(std::move(file));
          if (batch.size() == kBatch || batch_bytes >= kBatchBytes) {
            const bool large = batch_bytes >= kBatchBytes;
            if (within_budget) within_budget = write(std::move(batch), report);
            batch.clear();
            batch_bytes = 0;
            if (large) release_free_memory();
          }
        },
        thread_runner(2));
    for (OutputFile& key : indexnow_key_files(config_)) batch.push_back(std::move(key));
    if (within_budget) write(std::move(batch), report);
  }
  // Renders `affected`; after a failed write, everything with a new renderer
  // (the old one believes it wrote what it returned).
  void render_changes(const std::set<FeedKey>& affected, const Timestamp& now,
                      ChangeReport& report) {
    if (renderer_stale_) {
      renderer_ = make_renderer();
      renderer_stale_ = false;
      render_everything(now, report);
      release_free_memory();
    } else if (!affected.empty() || news_expired(now)) {
      auto started = std::chrono::steady_clock::now();
      FeedUpdate update =
          renderer_->render(catalog_, {affected.begin(), affected.end()}, now, run_serially,
                            touched_months());
      std::size_t bytes = 0;
      for (const OutputFile& file : update.files) bytes += file.bytes.size();
      // A large render (a month of a large archive, written whole when its
      // entries' texts were not kept) leaves the memory of its entries free
      // but resident: handed back before the files are written, so it is
      // gone when the feeds show the change.
      // The files' bytes, in blocks of their own, go when they are freed.
      // The usual change writes a few hundred KiB and pays nothing.
      if (bytes >= kReleaseAfterBytes) release_free_memory();
      auto rendered = std::chrono::steady_clock::now();
      publish(std::move(update), report);
      auto written = std::chrono::steady_clock::now();
      using ms = std::chrono::duration<double, std::milli>;
      spdlog::debug("{} feed(s): rendered in {:.1f} ms, written in {:.1f} ms", affected.size(),
                    ms(rendered - started).count(), ms(written - rendered).count());
    }
  }
  static constexpr std::size_t kReleaseAfterBytes = 4 << 20;
  bool news_expired(const Timestamp& now) const {
    std::optional<Timestamp> expiry = renderer_->news_sitemap_expiry();
    return expiry && *expiry <= now;
  }
  // The first build syncs before renaming; incremental changes rename
  // first (file_io.h: Durability): the feeds are derived data that the next
  // start after a crash checks byte for byte and rewrites (only a clean stop,
  // after every write was synced, records them for the next start: vouch),
  // so a crash cannot leave a bad feed behind for long, and readers get a
  // new post a disk flush sooner.
  // False, with nothing written, when `files` do not fit output.max_bytes.
  bool write(std::vector<OutputFile> files, ChangeReport& report,
             Durability durability = Durability::sync_then_rename);
  void store_status(const Status& status);

  Config config_;
  CatalogStore* store_;
  SiteFiles& files_;
  TimeZone zone_;
  ContentFilter filter_;
  Catalog catalog_;
  std::unique_ptr<SiteRenderer> renderer_;
  KnownFiles known_;
  std::set<std::string> refused_;  // paths refused as duplicates of another file's id
  std::map<std::string, KnownFile> refused_at_load_;  // how the load found those it refused (vouch)
  std::set<std::string> held_;     // deletions held (DeletionHold)
  Status root_;                    // the content directory, as last listed
  std::map<std::string, Diagnostic> broken_;  // failing post files, by relative path
  std::map<std::string, std::optional<Post>> touched_;  // this batch's PostEdits
  Timestamp due_checked_;
  bool store_failed_ = false;
  bool renderer_stale_ = false;
  bool refused_since_load_ = false;  // a duplicate id was decided in event order, not path order
  OutputBudget budget_;
  // Every feed file, relative to output.dir, with its stamp when last
  // written or found unchanged (vouch).
  std::unordered_map<std::string, FileStamp> outputs_;
  ImageSizeLog images_;  // the static images the feeds' enclosures measured (vouch)
};

void SiteState::Impl::store_status(const Status& status) {
  if (status.ok() || store_failed_) return;
  store_failed_ = true;  // said once; the files stay the truth
  spdlog::warn("catalog cache: {}; the next start reads the files it could not record",
               status.message);
}

ChangeReport SiteState::Impl::load(const Timestamp& now, const std::function<void()>& rendered) {
  ChangeReport report;
  std::optional<IncrementalLoadReport> loaded;
  if (store_ != nullptr) {
    IncrementalLoadOptions options;
    options.files = &files_;
    root_ = files_.list_directory(config_.content.dir);
    // A start that finds far fewer posts than were stored holds them.
    options.hold_missing = [this](std::size_t missing, std::size_t stored) {
      return !root_.ok() || too_many_deletions(missing, stored);
    };
    loaded = load_catalog_incremental(config_, *store_, catalog_, known_, options);
    held_.insert(loaded->held.begin(), loaded->held.end());
    if (!held_.empty() && !root_.ok()) loaded->errors.clear();  // the hold says it once
    report.files = loaded->files;
    report.unchanged = loaded->reused + loaded->hashed_same;
    report.read = loaded->parsed;
    report.errors = std::move(loaded->errors);
    if (!loaded->store_error.empty()) {
      spdlog::warn("catalog cache: {}", loaded->store_error);
    }
  } else {
    report.errors = load_catalog(config_, 2, catalog_, &report.files, files_);
    report.read = report.files;
  }
  const std::string prefix = config_.content.dir + "/";
  for (const Diagnostic& error : report.errors) {
    if (!error.warning && error.path.starts_with(prefix) && files_.is_regular(error.path)) {
      broken_[error.path.substr(prefix.size())] = error;
    }
  }
  render_everything(now, report);
  due_checked_ = now;
  if (rendered && report.write_errors.empty()) rendered();
  if (loaded) {
    // After the feeds: a first start is ready before it records its posts.
    if (Status saved = save_loaded_catalog(*store_, catalog_, known_, *loaded); !saved.ok()) {
      spdlog::warn("catalog cache: {}; the next start reads those files again", saved.message);
    }
    // A file whose post the catalog refused (another file holds its id) is
    // read again whenever a post goes away (retry_refused).
    for (RefusedFile& file : loaded->refused) {
      refused_at_load_[file.path] = file.file;
      refused_.insert(std::move(file.path));
    }
  }
  return report;
}

void SiteState::Impl::forget_file(const std::string& relative) {
  known_.erase(relative);
  if (store_ != nullptr) store_status(store_->remove(relative));
}

void SiteState::Impl::remove(const std::string& relative, std::set<FeedKey>& affected,
                             ChangeReport& report) {
  forget_file(relative);
  broken_.erase(relative);
  CatalogChange change = catalog_.apply(relative, std::nullopt, config_.feeds);
  if (change.before) took_effect(relative, change, affected, report);
}

void SiteState::Impl::retry_refused(std::set<FeedKey>& affected, ChangeReport& report) {
  std::set<std::string> paths = std::move(refused_);
  refused_.clear();
  for (const std::string& path : paths) {
    known_.erase(path);
    process(path, affected, report);
  }
}

void SiteState::Impl::process(const std::string& relative, std::set<FeedKey>& affected,
                              ChangeReport& report) {
  const std::string path = full_path(relative);
  ++report.files;
  Result<FileStamp> stamp = files_.stamp(path);
  if (!stamp.ok() || !filter_.accepts(relative) || !files_.is_regular(path)) {
    remove(relative, affected, report);
    return;
  }
  KnownFile* known = known_.find(relative);
  if (known != nullptr &&
      judge_stamp(known->stamp, known->stamped_ns, *stamp) == StampVerdict::reuse) {
    ++report.unchanged;
    return;
  }
  std::int64_t stamped_ns = files_.stamp_clock_ns();
  ReadResult file = files_.read(path, config_.content.rules.max_bytes);
  if (!file.status.ok() && !file.too_large && !files_.is_regular(path)) {
    remove(relative, affected, report);  // vanished while we looked
    return;
  }
  // Still being written (the stamp moved while we read): the writer's next
  // event brings the file back; never publish half of it.
  Result<FileStamp> after = files_.stamp(path);
  if (file.status.ok() &&
      (!after.ok() || after->size != stamp->size || after->mtime_ns != stamp->mtime_ns ||
       static_cast<std::int64_t>(file.bytes.size()) != stamp->size)) {
    spdlog::debug("{} changed while being read; waiting for the writer", relative);
    return;
  }
  std::string hash = file.status.ok() ? content_hash(file.bytes) : std::string();
  if (file.status.ok() && known != nullptr && known->hash == PackedHash(hash)) {
    known->stamp = *stamp;
    known->stamped_ns = stamped_ns;
    ++report.unchanged;
    if (const Post* post = catalog_.find_by_path(relative); post != nullptr && store_ != nullptr) {
      store_status(store_->put(relative, *stamp, stamped_ns, hash, *post));
    }
    return;
  }
  ++report.read;
  PostParseResult parsed = parse_read_result(relative, file, config_.content.rules, zone_);
  if (!parsed.post) {
    Diagnostic error = *parsed.error;
    if (file.status.ok()) {
      known_.set(relative, KnownFile{*stamp, stamped_ns, PackedHash(hash)});
      if (store_ != nullptr) store_status(store_->put_error(relative, *stamp, stamped_ns, hash, error));
    }
    // One line says what is wrong and what the feeds show meanwhile.
    if (const Post* old = catalog_.find_by_path(relative)) {
      error.message += "; until it is fixed the feeds keep its last good version (id " + old->id + ")";
    }
    report.errors.push_back(located(error));
    set_broken(relative, report.errors.back());
    return;
  }
  for (const Diagnostic& warning : parsed.warnings) report.errors.push_back(located(warning));
  parsed.post->body.clear();
  CatalogChange change = catalog_.apply(relative, std::move(parsed.post), config_.feeds);
  if (change.refused) {
    refused_since_load_ = true;
    report.errors.push_back(located(*change.refused));
    set_broken(relative, report.errors.back());
    refused_.insert(relative);
    known_.erase(relative);
    return;
  }
  known_.set(relative, KnownFile{*stamp, stamped_ns, PackedHash(hash)});
  broken_.erase(relative);
  if (store_ != nullptr) {
    store_status(store_->put(relative, *stamp, stamped_ns, hash, *change.after));
  }
  took_effect(relative, change, affected, report);
}

void SiteState::Impl::took_effect(const std::string& relative, const CatalogChange& change,
                                  std::set<FeedKey>& affected, ChangeReport& report) {
  note_touch(change);
  add_keys(affected, change.feeds);
  const std::string before = change.id_before();
  const std::string after = change.id_after();
  if (!before.empty()) renderer_->forget(before);
  if (!after.empty() && after != before) renderer_->forget(after);
  ++report.posts_changed;
  if (after.empty()) {
    spdlog::info("removed {} (id {})", relative, before);
  } else if (before.empty()) {
    spdlog::info("added {} (id {})", relative, after);
  } else if (before != after) {
    spdlog::info("updated {} (id {}, was {})", relative, after, before);
  } else {
    spdlog::info("updated {} (id {})", relative, after);
  }
  // The id the path held is free: a file refused for holding it may take it.
  if (!before.empty() && before != after) retry_refused(affected, report);
}

ChangeReport SiteState::Impl::apply(std::vector<std::string> paths, const Timestamp& now) {
  ChangeReport report;
  hold_deletions(paths);
  // Files that are gone first: a rename (old name gone, new name holding the
  // same id) must free the id before the new name claims it.
  std::stable_partition(paths.begin(), paths.end(),
                        [&](const std::string& p) { return !files_.is_regular(full_path(p)); });
  std::set<FeedKey> affected;
  if (store_ != nullptr) store_status(store_->begin());
  for (const std::string& relative : paths) process(relative, affected, report);
  if (store_ != nullptr) store_status(store_->commit());
  // This render is at `now`: posts that came due since the last check
  // enter their feeds too (as publish_due would), so the clock is caught up.
  for (const Post* post : catalog_.due(due_checked_, now)) {
    add_keys(affected, feed_keys(*post, config_.feeds));
    note_touch(post->id);
  }
  due_checked_ = std::max(due_checked_, now);
  render_changes(affected, now, report);
  take_edits(report);
  return report;
}

void SiteState::Impl::hold_deletions(std::vector<std::string>& paths) {
  paths.insert(paths.end(), held_.begin(), held_.end());
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  root_ = files_.list_directory(config_.content.dir);
  std::set<std::string> vanishing;
  for (const std::string& relative : paths) {
    if (catalog_.find_by_path(relative) != nullptr && !files_.is_regular(full_path(relative))) {
      vanishing.insert(relative);
    }
  }
  held_.clear();
  auto within_budget = [&] {
    return vanishing.empty() ||
           (root_.ok() && !too_many_deletions(vanishing.size(), catalog_.size()));
  };
  if (within_budget()) return;
  // Renames are not deletions: a new file of the batch holding a vanishing
  // post's id (a folder of posts moved) takes it over. Read only now, when
  // the batch would otherwise be held.
  for (const std::string& relative : paths) {
    if (!root_.ok() || catalog_.find_by_path(relative) != nullptr ||
        !files_.is_regular(full_path(relative))) {
      continue;
    }
    PostParseResult parsed =
        read_post(files_, config_.content.dir, relative, config_.content.rules, zone_);
    const Post* old = parsed.post ? catalog_.find(parsed.post->id) : nullptr;
    if (old != nullptr) vanishing.erase(old->source_path);
  }
  if (within_budget()) return;
  held_ = std::move(vanishing);
  std::erase_if(paths, [this](const std::string& relative) { return held_.count(relative) != 0; });
}

std::optional<DeletionHold> SiteState::Impl::hold() const {
  if (held_.empty()) return std::nullopt;
  DeletionHold hold;
  for (const std::string& path : held_) {
    const Post* post = catalog_.find_by_path(path);
    hold.posts.push_back(post ? HeldPost{path, post->id, post->title} : HeldPost{path, "", ""});
  }
  const std::string& dir = config_.content.dir;
  const std::string posts = std::to_string(held_.size()) + (held_.size() == 1 ? " post" : " posts");
  if (!root_.ok()) {
    hold.message = "content.dir " + dir + " cannot be listed (" + root_.message + "): the feeds "
                   "keep its " + posts + " and nothing is deleted or announced until it is back; "
                   "herald resumes by itself";
  } else {
    const WatchConfig::MaxDeletions& max = config_.watch.max_deletions;
    hold.message = posts + " vanished from " + dir + " at once, more than watch.max_deletions " +
                   "allows (" + std::to_string(max.posts) + " posts or " +
                   std::to_string(max.percent) + "%): the feeds keep them and nothing is "
                   "announced. If the files come back herald resumes by itself; if they were "
                   "deleted on purpose, run `herald confirm-deletions`";
  }
  return hold;
}

ChangeReport SiteState::Impl::confirm_deletions(const Timestamp& now) {
  ChangeReport report;
  std::set<std::string> paths = std::move(held_);
  held_.clear();
  std::set<FeedKey> affected;
  if (store_ != nullptr) store_status(store_->begin());
  for (const std::string& relative : paths) process(relative, affected, report);
  if (store_ != nullptr) store_status(store_->commit());
  due_checked_ = std::max(due_checked_, now);
  render_changes(affected, now, report);
  take_edits(report);
  return report;
}

std::vector<std::string> SiteState::Impl::unlisted_paths(const std::vector<std::string>& listed) const {
  std::unordered_set<std::string_view> found(listed.begin(), listed.end());
  std::vector<std::string> missing;
  auto note = [&](std::string_view path) {
    if (found.count(path) == 0) missing.emplace_back(path);
  };
  known_.for_each([&](std::string_view path, const KnownFile&) { note(path); });
  for (const std::string& path : catalog_.paths()) note(path);
  return missing;
}

ChangeReport SiteState::Impl::rescan(const Timestamp& now) {
  ScanResult scan = files_.scan(config_.content.dir, filter_);
  const std::vector<std::string>& listed = scan.files;
  const std::vector<std::optional<FileStamp>> stamps =
      files_.stamp_files(config_.content.dir, listed, thread_runner(kFileWorkers));
  std::vector<std::string> looked_at;
  std::size_t unchanged = 0;
  std::size_t known_listed = 0;
  std::size_t cataloged_listed = 0;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const KnownFile* known = known_.find(listed[i]);
    const bool cataloged = catalog_.find_by_path(listed[i]) != nullptr;
    known_listed += known != nullptr;
    cataloged_listed += cataloged;
    // Listed: the scan took it through filter_ already.
    if (known != nullptr && cataloged && stamps[i] &&
        judge_stamp(known->stamp, known->stamped_ns, *stamps[i]) == StampVerdict::reuse) {
      ++unchanged;
      continue;
    }
    looked_at.push_back(listed[i]);
  }
  // Files known or posts held that the listing did not find: gone, or in a
  // directory that could not be listed. Found by name only when the counts
  // say there are some.
  if (known_listed != known_.size() || cataloged_listed != catalog_.size()) {
    for (std::string& path : unlisted_paths(listed)) looked_at.push_back(std::move(path));
  }
  ChangeReport report = apply(std::move(looked_at), now);
  report.files += unchanged;
  report.unchanged += unchanged;
  // An unlistable content directory is the hold's to say, once.
  if (!held_.empty() && !root_.ok()) scan.errors.clear();
  for (Diagnostic& error : scan.errors) report.errors.push_back(std::move(error));
  return report;
}

ChangeReport SiteState::Impl::publish_due(const Timestamp& now) {
  ChangeReport report;
  std::set<FeedKey> affected;
  for (const Post* post : catalog_.due(due_checked_, now)) {
    add_keys(affected, feed_keys(*post, config_.feeds));
    note_touch(post->id);
    ++report.posts_changed;
    spdlog::info("published {} (id {}): its time came", post->source_path, post->id);
  }
  due_checked_ = now;
  render_changes(affected, now, report);
  take_edits(report);
  return report;
}

void SiteState::Impl::publish(FeedUpdate update, ChangeReport& report) {
  write(std::move(update.files), report, Durability::rename_then_sync);
  report.files_unchanged += update.unchanged.size();
  for (const std::string& relative : update.deleted) {
    std::string path = config_.output.dir + "/" + relative;
    RemoveResult removed = files_.remove(path);
    if (!removed.ok()) {
      report.write_errors.push_back("cannot delete " + path + ": " + removed.error());
      continue;
    }
    budget_.removed(relative);
    outputs_.erase(relative);
    if (*removed == RemoveOutcome::removed) {
      ++report.files_deleted;
      report.touched_outputs.push_back(relative);
    }
  }
}

bool SiteState::Impl::write(std::vector<OutputFile> files, ChangeReport& report,
                            Durability durability) {
  if (Status fits = budget_.admit(files); !fits.ok()) {
    report.write_errors.push_back(fits.message);
    renderer_stale_ = true;  // as after a failed write: render everything next time
    return false;
  }
  // The bytes move to the writer; their sizes stay for the budget.
  std::vector<std::size_t> sizes;
  std::vector<std::pair<std::string, std::string>> batch;
  sizes.reserve(files.size());
  batch.reserve(files.size());
  for (OutputFile& file : files) {
    sizes.push_back(file.bytes.size());
    batch.emplace_back(config_.output.dir + "/" + file.path, std::move(file.bytes));
  }
  std::vector<WriteResult> results = files_.write(std::move(batch), durability);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok()) {
      report.write_errors.push_back(results[i].error());
      // The renderer skips feeds whose bytes it returned last time; after
      // a failed write the next change renders everything afresh
      // (render_changes).
      renderer_stale_ = true;
    } else if (*results[i] == WriteOutcome::written) {
      ++report.files_written;
      report.touched_outputs.push_back(files[i].path);
    } else {
      ++report.files_unchanged;
    }
    if (!results[i].ok()) continue;
    budget_.wrote(files[i].path, sizes[i]);
    Result<FileStamp> stamp = files_.stamp(config_.output.dir + "/" + files[i].path);
    if (stamp.ok()) outputs_[files[i].path] = *stamp;
    else outputs_.erase(files[i].path);  // gone already: vouch() then fails
  }
  return true;
}

Result<BuildManifest> SiteState::Impl::vouch(std::string key, const Timestamp& now) {
  auto refuse = [](std::string why) { return Result<BuildManifest>(Status::failed(std::move(why))); };
  if (store_ == nullptr) return refuse("no catalog store");
  if (!held_.empty()) return refuse("deletions are held");
  if (refused_since_load_) return refuse("a duplicate id was decided while running, not in path order");
  if (renderer_stale_) return refuse("a feed file could not be written");
  if (store_failed_) return refuse("the catalog store failed");
  if (outputs_.empty()) return refuse("no feed file was written");
  for (const auto& [path, error] : broken_) {
    if (catalog_.find_by_path(path) != nullptr) {
      return refuse(path + " is broken and the feeds keep its last good version");
    }
  }
  BuildManifest manifest;
  manifest.key = std::move(key);
  std::vector<KnownPostFile> posts;
  posts.reserve(known_.size() + refused_.size());
  known_.for_each([&](std::string_view path, const KnownFile& file) {
    posts.push_back({std::string(path), file.stamp, file.stamped_ns, file.hash.hex()});
  });
  for (const std::string& path : refused_) {
    auto at_load = refused_at_load_.find(path);
    if (at_load == refused_at_load_.end()) return refuse(path + " was refused while running");
    const KnownFile& file = at_load->second;
    posts.push_back({path, file.stamp, file.stamped_ns, file.hash.hex()});
  }
  manifest.posts = known_post_stamps(std::move(posts));
  manifest.outputs.reserve(outputs_.size());
  for (const auto& [relative, stamp] : outputs_) {
    std::string path = config_.output.dir + "/" + relative;
    Result<FileStamp> now_stamp = files_.stamp(path);
    if (!now_stamp.ok() || !(*now_stamp == stamp)) return refuse(path + " changed since herald wrote it");
    manifest.outputs.push_back({std::move(path), stamp});
  }
  std::sort(manifest.outputs.begin(), manifest.outputs.end(),
            [](const StampedOutput& a, const StampedOutput& b) { return a.path < b.path; });
  manifest.images = images_.sizes();
  if (std::optional<Timestamp> next = next_scheduled(now)) manifest.valid_until = next->unix_seconds;
  return manifest;
}

SiteState::SiteState(const Config& config, CatalogStore* store)
    : SiteState(config, store, disk_site_files()) {}
SiteState::SiteState(const Config& config, CatalogStore* store, SiteFiles& files)
    : impl_(std::make_unique<Impl>(config, store, files)) {}
SiteState::~SiteState() = default;
ChangeReport SiteState::load(const Timestamp& now, const std::function<void()>& rendered) {
  return impl_->load(now, rendered);
}
ChangeReport SiteState::apply(const std::vector<std::string>& paths, const Timestamp& now) {
  return impl_->apply(paths, now);
}
ChangeReport SiteState::rescan(const Timestamp& now) { return impl_->rescan(now); }
ChangeReport SiteState::publish_due(const Timestamp& now) { return impl_->publish_due(now); }
ChangeReport SiteState::confirm_deletions(const Timestamp& now) {
  return impl_->confirm_deletions(now);
}
std::optional<DeletionHold> SiteState::hold() const { return impl_->hold(); }
std::vector<Diagnostic> SiteState::broken() const { return impl_->broken(); }
std::optional<Timestamp> SiteState::next_scheduled(const Timestamp& now) const {
  return impl_->next_scheduled(now);
}
PostCounts SiteState::counts(const Timestamp& now) const { return impl_->counts(now); }
const Catalog& SiteState::catalog() const { return impl_->catalog(); }
Result<BuildManifest> SiteState::vouch(std::string key, const Timestamp& now) {
  return impl_->vouch(std::move(key), now);
}

}  // namespace herald
