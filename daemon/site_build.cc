#include "daemon/site_build.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "daemon/content_scanner.h"
#include "daemon/file_io.h"
#include "daemon/post_reader.h"
#include "feeds/site_renderer.h"
#include "feeds/time_zone.h"

namespace herald {
std::vector<Diagnostic> load_catalog(const Config& config, unsigned threads, Catalog& catalog,
                                     std::size_t* files_seen) {
  ContentFilter filter{config.content.include, config.content.exclude};
  ScanResult scan = scan_content(config.content.dir, filter);
  if (files_seen) *files_seen = scan.files.size();
  std::optional<TimeZone> zone = TimeZone::load(config.site.timezone);
  if (!zone) zone = TimeZone::utc();

  std::vector<PostParseResult> results(scan.files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < scan.files.size();) {
      results[i] = read_post(config.content.dir, scan.files[i], config.content.rules, *zone);
    }
  };
  threads = std::clamp<unsigned>(threads, 1, 64);
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();

  std::vector<Diagnostic> errors = std::move(scan.errors);
  // Diagnostics name the file as the user finds it: under content.dir.
  auto located = [&](Diagnostic d) {
    d.path = config.content.dir + "/" + d.path;
    return d;
  };
  for (PostParseResult& r : results) {  // path order: duplicate ids resolve stably
    if (r.error) {
      errors.push_back(located(std::move(*r.error)));
    } else if (auto dup = catalog.upsert(std::move(*r.post))) {
      errors.push_back(located(std::move(*dup)));
    }
  }
  return errors;
}

BuildReport build_site(const Config& config, const BuildOptions& options) {
  BuildReport report;
  Catalog catalog;
  report.errors = load_catalog(config, options.threads, catalog, &report.files);
  report.posts = catalog.size();
  report.published = catalog.published(options.now).size();
  report.scheduled = catalog.scheduled(options.now).size();
  report.drafts = report.posts - report.published - report.scheduled;

  std::vector<OutputFile> files =
      render_site(catalog, config.site, config.content.rules, config.feeds, options.now);
  std::vector<std::pair<std::string, std::string>> writes;
  writes.reserve(files.size());
  for (OutputFile& file : files) {
    std::string path = (std::filesystem::path(config.output.dir) / file.path).string();
    report.outputs.push_back(path);
    if (options.write) writes.emplace_back(std::move(path), std::move(file.bytes));
  }
  for (const WriteResult& written : write_files_atomically(writes)) {
    switch (written.outcome) {
      case WriteOutcome::written:
        ++report.feeds_written;
        break;
      case WriteOutcome::unchanged:
        ++report.feeds_unchanged;
        break;
      case WriteOutcome::failed:
        report.write_errors.push_back(written.error);
        break;
    }
  }
  return report;
}

}  // namespace herald
