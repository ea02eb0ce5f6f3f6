#include "daemon/site/site_build.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>

#include "config/indexnow_key.h"
#include "daemon/base/file_io.h"
#include "daemon/site/build_manifest.h"
#include "daemon/site/image_sizes.h"
#include "daemon/site/ordered_work.h"
#include "daemon/site/output_budget.h"
#include "daemon/site/post_reader.h"
#include "daemon/watch/content_scanner.h"
#include "feeds/shared_urls.h"
#include "feeds/site_renderer.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

// Parses the posts on `threads` threads and upserts them, in path order, on
// the calling thread as each is parsed (ordered_work.h). Each path of
// `files` is freed once its file is parsed (the post keeps a copy): at a
// million posts the list of paths was about 100 MiB beside the catalog at
// its fullest.
void fill_catalog(const Config& config, SiteFiles& disk, std::vector<std::string>& files,
                  const TimeZone& zone, unsigned threads, Catalog& catalog,
                  std::vector<Diagnostic>& errors) {
  auto located = [&](Diagnostic d) { return in_content_dir(std::move(d), config.content.dir); };
  constexpr std::size_t kWaiting = 4096;  // parsed posts not taken yet, at most
  std::vector<std::unique_ptr<PostParseResult>> parsed(kWaiting);
  run_ordered(
      files.size(), threads, parsed.size(),
      [&](std::size_t i) {
        parsed[i % kWaiting] = std::make_unique<PostParseResult>(
            read_post(disk, config.content.dir, files[i], config.content.rules, zone));
        std::string().swap(files[i]);
      },
      [&](std::size_t i) {
        PostParseResult result = std::move(*parsed[i % kWaiting]);
        parsed[i % kWaiting].reset();
        if (result.error) {
          errors.push_back(located(std::move(*result.error)));
          return;
        }
        for (Diagnostic& warning : result.warnings) errors.push_back(located(std::move(warning)));
        // The renderer reads a body again when an entry shows it (read_body):
        // a catalog of bodies would hold the whole content directory.
        result.post->body.clear();
        if (auto dup = catalog.upsert(std::move(*result.post))) errors.push_back(located(std::move(*dup)));
      });
}

}  // namespace

TaskRunner thread_runner(unsigned threads) {
  threads = std::clamp<unsigned>(threads, 1, 64);
  return [threads](std::size_t count, const Task& task) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) task(i);
    };
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < std::min<std::size_t>(threads, count); ++t) workers.emplace_back(work);
    work();
    for (std::thread& w : workers) w.join();
  };
}

std::vector<Diagnostic> load_catalog(const Config& config, unsigned threads, Catalog& catalog,
                                     std::size_t* files_seen, SiteFiles& files) {
  ContentFilter filter{config.content.include, config.content.exclude};
  ScanResult scan = files.scan(config.content.dir, filter);
  if (files_seen) *files_seen = scan.files.size();
  return load_catalog(config, std::move(scan), threads, catalog, files);
}

std::vector<Diagnostic> load_catalog(const Config& config, ScanResult scan, unsigned threads, Catalog& catalog,
                                     SiteFiles& files) {
  TimeZone zone = site_zone(config.site);
  std::vector<Diagnostic> errors = std::move(scan.errors);
  catalog.limit_feeds(config.feeds);
  catalog.reserve(catalog.size() + scan.files.size());
  // Path order: duplicate ids resolve stably.
  fill_catalog(config, files, scan.files, zone, threads, catalog, errors);
  return errors;
}

namespace {

// What a build keeps in the state directory, when it keeps anything.
struct KeptState {
  std::string key;
  PostStamps stamps;
};

// The report of a build the manifest says would change nothing.
BuildReport skipped_build(const BuildManifest& manifest) {
  BuildReport report;
  const BuildSummary& s = manifest.summary;
  report.files = s.files;
  report.posts = s.posts;
  report.published = s.published;
  report.scheduled = s.scheduled;
  report.drafts = s.drafts;
  report.errors = s.diagnostics;
  for (const StampedOutput& out : manifest.outputs) report.outputs.push_back(out.path);
  report.feeds_unchanged = report.outputs.size();
  report.skipped = true;
  return report;
}

// The manifest of the build that just wrote `report`.
BuildManifest manifest_of(KeptState kept, const BuildReport& report, std::optional<Timestamp> valid_until,
                          const ImageSizeLog& images, SiteFiles& disk) {
  BuildManifest m;
  m.key = std::move(kept.key);
  m.posts = std::move(kept.stamps);
  for (const std::string& path : report.outputs) {
    Result<FileStamp> stamp = disk.stamp(path);
    if (stamp.ok()) m.outputs.push_back({path, *stamp});
    else m.posts.complete = false;  // gone already: nothing to vouch for
  }
  m.images = images.sizes();
  if (valid_until) m.valid_until = valid_until->unix_seconds;
  m.summary = {report.files, report.posts, report.published, report.scheduled, report.drafts, report.errors};
  return m;
}

}  // namespace

BuildReport build_site(const Config& config, const BuildOptions& options) {
  SiteFiles& disk = disk_site_files();
  ContentFilter filter{config.content.include, config.content.exclude};
  ScanResult scan = disk.scan(config.content.dir, filter);
  std::optional<KeptState> kept;
  if (options.write && config.state.configured && !options.program.empty() && scan.errors.empty()) {
    kept = KeptState{build_key(config, options.program),
                     stamp_posts(config.content.dir, scan.files, disk, thread_runner(kFileWorkers))};
    std::optional<BuildManifest> last = read_build_manifest(config.state.dir);
    if (last && build_unchanged(*last, kept->key, config.content.dir, kept->stamps, options.now, disk)) {
      return skipped_build(*last);
    }
  }

  BuildReport report;
  auto catalog = std::make_unique<Catalog>();
  report.files = scan.files.size();
  report.errors = load_catalog(config, std::move(scan), options.threads, *catalog, disk);
  if (options.warn_shared_urls) {
    for (Diagnostic& warning : shared_url_warnings(*catalog, config.site.url, config.content.rules.permalink,
                                                   config.content.dir)) {
      report.errors.push_back(std::move(warning));
    }
  }
  report.posts = catalog->size();
  report.published = catalog->published(options.now).size();
  report.scheduled = catalog->scheduled(options.now).size();
  report.drafts = report.posts - report.published - report.scheduled;

  // Each file goes to disk as soon as it is rendered (a temporary until
  // every file is written: over output.max_bytes nothing is replaced, and
  // the feeds keep their last version). Bodies are read again from the post
  // files for the entries that show them: the catalog holds none.
  AtomicWriteBatch batch;
  std::uint64_t total = 0;
  TimeZone zone = site_zone(config.site);
  BodySource body = [&](const Post& post) {
    return read_body(disk, config.content.dir, post, config.content.rules, zone);
  };
  auto sink = [&](OutputFile file) {
    std::string path = (std::filesystem::path(config.output.dir) / file.path).string();
    report.outputs.push_back(path);
    total += file.bytes.size();
    if (options.write) batch.add(std::move(path), std::move(file.bytes));
  };
  ImageSizeLog images;
  SiteRenderer renderer(config.site, config.content.rules, config.feeds, body,
                        image_sizes(config.site, disk, kept ? &images : nullptr));
  renderer.render_all(*catalog, options.now, sink, thread_runner(options.threads));
  for (OutputFile& key : indexnow_key_files(config)) sink(std::move(key));
  // When time alone changes the output: a scheduled post comes out, a post
  // leaves the news sitemap.
  std::optional<Timestamp> valid_until = renderer.news_sitemap_expiry();
  if (const Post* next = catalog->next_scheduled(options.now)) {
    if (!valid_until || next->date < *valid_until) valid_until = next->date;
  }
  // Freeing a large catalog takes a while: leave it to the process's exit,
  // or let it overlap the writes.
  std::thread release;
  if (options.exiting) {
    static Catalog* left_to_exit = nullptr;  // reachable: not a leak to LeakSanitizer
    delete left_to_exit;
    left_to_exit = catalog.release();
  } else {
    release = std::thread([doomed = std::move(catalog)]() mutable { doomed.reset(); });
  }
  Status fits = OutputBudget(config.output.max_bytes).admit_whole(total);
  if (!fits.ok()) {
    report.write_errors.push_back(fits.message);
    batch.abandon();
  }
  for (const WriteResult& written : batch.commit()) {
    if (!written.ok()) {
      report.write_errors.push_back(written.error());
    } else if (*written == WriteOutcome::written) {
      ++report.feeds_written;
    } else {
      ++report.feeds_unchanged;
    }
  }
  if (release.joinable()) release.join();
  if (kept) {
    BuildManifest manifest = manifest_of(std::move(*kept), report, valid_until, images, disk);
    if (report.write_errors.empty() && manifest.posts.complete) {
      Status saved = write_build_manifest(config.state.dir, manifest);
      if (!saved.ok()) report.state_warning = saved.message;
    } else {
      remove_build_manifest(config.state.dir);
    }
  }
  return report;
}

}  // namespace herald
