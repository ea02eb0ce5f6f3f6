// BuildManifest: what a `herald build` with a configured state directory
// read and wrote, kept as <state.dir>/build-manifest.json (0600), so that the
// next build can tell that nothing changed without reading a post. A clean
// stop of `herald run` leaves the same record of its feeds as
// <state.dir>/run-manifest.json (site_state.h SiteState::vouch), so that the
// next start can serve them as they are before it loads the catalog.
//
// A build is skipped only when every part of it still holds:
// - the build key: herald's version and commit and its binary's stamp, the
//   configuration file with its ${ENV} values expanded, the site zone's
//   rules, the IndexNow key files it writes into the output;
// - the post files: the same paths with the same stamps (file_stamp.h: dev,
//   inode, size, mtime, ctime), kept as one digest; a file whose stamp was
//   racy when taken is read again and its content hash compared;
// - every file the build wrote, with the stamp it had afterwards;
// - every static image whose size went into an enclosure, with that size;
// - the clock: before the first moment time alone changes the output (a
//   scheduled post's date, the news sitemap's expiry).
// Anything missing, unreadable or different means a full build, which
// writes a new manifest. The file is derived data: one that does not parse
// is ignored, never trusted in part.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/base/file_stamp.h"
#include "daemon/site/site_files.h"
#include "feeds/diagnostic.h"
#include "feeds/status.h"
#include "feeds/task_runner.h"
#include "feeds/timestamp.h"

namespace herald {

inline constexpr const char* kBuildManifestFile = "build-manifest.json";
inline constexpr const char* kRunManifestFile = "run-manifest.json";

// What `herald build` prints, kept so that a skipped build prints it again.
struct BuildSummary {
  std::size_t files = 0;
  std::size_t posts = 0;
  std::size_t published = 0;
  std::size_t scheduled = 0;
  std::size_t drafts = 0;
  std::vector<Diagnostic> diagnostics;
};

// The post files as a build found them.
struct PostStamps {
  std::string digest;                       // of every path and stamp, in path order
  std::map<std::string, std::string> racy;  // path -> content hash, for racy stamps
  bool complete = true;                     // false: a file could not be stamped or read
};

// A post file as it was stamped and hashed earlier (what `herald run` knows
// of each file its catalog was made from).
struct KnownPostFile {
  std::string path;            // relative to content.dir
  FileStamp stamp;
  std::int64_t stamped_ns = 0;  // when the stamp was taken (judge_stamp)
  std::string hash;            // content_hash() of the bytes the stamp describes
};

struct StampedOutput {
  std::string path;  // absolute
  FileStamp stamp;
};

struct BuildManifest {
  std::string key;
  PostStamps posts;
  std::vector<StampedOutput> outputs;
  std::map<std::string, std::optional<std::uint64_t>> images;  // static file -> size seen
  std::optional<std::int64_t> valid_until;  // unix seconds; none: no time-driven change
  BuildSummary summary;
};

// The build key of `config` for a herald that calls itself `program` (its
// version and commit): of the configuration's text as it was loaded
// (Config::source), never the file read again.
std::string build_key(const Config& config, const std::string& program);

// Stamps `files` (relative to `content_dir`, sorted) through `run`.
PostStamps stamp_posts(const std::string& content_dir, const std::vector<std::string>& files,
                       SiteFiles& disk, const TaskRunner& run);
// The same record made from stamps and hashes taken earlier, any order:
// equal to what stamp_posts gives for the same files while they keep those
// stamps and bytes.
PostStamps known_post_stamps(std::vector<KnownPostFile> files);

// The manifest `file` in `state_dir`, or nullopt when there is none that parses.
std::optional<BuildManifest> read_build_manifest(const std::string& state_dir,
                                                 const char* file = kBuildManifestFile);
// Writes it atomically, readable by herald's user only.
Status write_build_manifest(const std::string& state_dir, const BuildManifest& manifest,
                            const char* file = kBuildManifestFile);
// Removes it (a build that failed to write leaves nothing to trust).
void remove_build_manifest(const std::string& state_dir, const char* file = kBuildManifestFile);

// Whether nothing the manifest depends on changed: `key` is the current
// build key, `stamps` the post files of `content_dir` now, `now` the clock.
bool build_unchanged(const BuildManifest& manifest, const std::string& key, const std::string& content_dir,
                     const PostStamps& stamps, const Timestamp& now, SiteFiles& disk);

// At the start of `herald run`: whether the feeds a clean stop vouched for
// (kRunManifestFile in config.state.dir, SiteState::vouch) still hold, judged
// as build_unchanged judges, against the post files of config.content.dir
// now. The manifest is removed either way (one that does not parse too):
// it vouches for one start.
bool take_run_manifest(const Config& config, const std::string& key, const Timestamp& now, SiteFiles& disk,
                       const TaskRunner& run);

}  // namespace herald
