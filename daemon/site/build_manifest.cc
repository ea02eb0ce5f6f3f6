#include "daemon/site/build_manifest.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "config/env_expansion.h"
#include "config/indexnow_key.h"
#include "daemon/base/file_io.h"
#include "daemon/base/private_files.h"
#include "daemon/site/image_sizes.h"
#include "daemon/site/post_reader.h"

namespace herald {
namespace {

namespace json = boost::json;

constexpr int kManifestVersion = 1;
constexpr std::size_t kMaxManifestBytes = 64 << 20;
constexpr std::size_t kMaxPostBytes = 64 << 20;  // a racy post hashed (larger: not trusted)

std::string manifest_path(const std::string& state_dir, const char* file) { return state_dir + "/" + file; }

// Each number after a space, in decimal (a million posts: no string each).
void append_stamp(std::string& out, const FileStamp& s) {
  char text[5 * 21];
  char* end = text;
  for (std::int64_t v : {static_cast<std::int64_t>(s.dev), static_cast<std::int64_t>(s.ino), s.size, s.mtime_ns,
                         s.ctime_ns}) {
    *end++ = ' ';
    end = std::to_chars(end, text + sizeof text, v).ptr;
  }
  out.append(text, end);
}

json::array stamp_json(const FileStamp& s) {
  return {s.dev, s.ino, s.size, s.mtime_ns, s.ctime_ns};
}

std::optional<FileStamp> stamp_of(const json::value& v) {
  const json::array* a = v.if_array();
  if (!a || a->size() != 5) return std::nullopt;
  for (const json::value& n : *a) {
    if (!n.is_int64() && !n.is_uint64()) return std::nullopt;
  }
  return FileStamp{json::value_to<std::uint64_t>((*a)[0]), json::value_to<std::uint64_t>((*a)[1]),
                   json::value_to<std::int64_t>((*a)[2]), json::value_to<std::int64_t>((*a)[3]),
                   json::value_to<std::int64_t>((*a)[4])};
}

json::object summary_json(const BuildSummary& s) {
  json::array diagnostics;
  for (const Diagnostic& d : s.diagnostics) {
    diagnostics.push_back(json::object{{"path", d.path}, {"line", d.line}, {"column", d.column},
                                       {"message", d.message}, {"warning", d.warning}});
  }
  return {{"files", s.files},         {"posts", s.posts},   {"published", s.published},
          {"scheduled", s.scheduled}, {"drafts", s.drafts}, {"diagnostics", std::move(diagnostics)}};
}

BuildSummary summary_of(const json::object& o) {
  BuildSummary s;
  s.files = json::value_to<std::size_t>(o.at("files"));
  s.posts = json::value_to<std::size_t>(o.at("posts"));
  s.published = json::value_to<std::size_t>(o.at("published"));
  s.scheduled = json::value_to<std::size_t>(o.at("scheduled"));
  s.drafts = json::value_to<std::size_t>(o.at("drafts"));
  for (const json::value& v : o.at("diagnostics").as_array()) {
    const json::object& d = v.as_object();
    s.diagnostics.push_back(Diagnostic{json::value_to<std::string>(d.at("path")), json::value_to<int>(d.at("line")),
                                       json::value_to<int>(d.at("column")),
                                       json::value_to<std::string>(d.at("message")), d.at("warning").as_bool()});
  }
  return s;
}

// Throws (boost::system::system_error, std::out_of_range, std::invalid_argument)
// on any shape it does not expect: the caller trusts none of it then.
BuildManifest manifest_of(const json::object& o) {
  if (json::value_to<int>(o.at("version")) != kManifestVersion) throw std::invalid_argument("version");
  BuildManifest m;
  m.key = json::value_to<std::string>(o.at("key"));
  m.posts.digest = json::value_to<std::string>(o.at("posts_digest"));
  for (const auto& [path, hash] : o.at("racy_posts").as_object()) {
    m.posts.racy[std::string(path)] = json::value_to<std::string>(hash);
  }
  for (const json::value& v : o.at("outputs").as_array()) {
    const json::array& pair = v.as_array();
    std::optional<FileStamp> stamp = stamp_of(pair.at(1));
    if (!stamp) throw std::invalid_argument("stamp");
    m.outputs.push_back({json::value_to<std::string>(pair.at(0)), *stamp});
  }
  for (const auto& [path, size] : o.at("images").as_object()) {
    m.images[std::string(path)] =
        size.is_null() ? std::nullopt : std::optional<std::uint64_t>(json::value_to<std::uint64_t>(size));
  }
  if (!o.at("valid_until").is_null()) m.valid_until = json::value_to<std::int64_t>(o.at("valid_until"));
  m.summary = summary_of(o.at("summary").as_object());
  return m;
}

}  // namespace

std::string build_key(const Config& config, const std::string& program) {
  // The values the load saw: every ${NAME} as the environment has it now.
  Expansion expanded = expand_environment(config.source, process_environment());
  std::optional<TimeZone> zone = TimeZone::load(config.site.timezone);
  // A binary built again from the same commit (a work tree with changes)
  // is another program: its file's stamp tells them apart.
  std::string binary;
  if (Result<FileStamp> exe = stamp_file("/proc/self/exe"); exe.ok()) append_stamp(binary, *exe);
  // Files the configuration names, written into the output as they are.
  std::string key_files;
  for (const OutputFile& file : indexnow_key_files(config)) key_files += file.path + '\x1f' + file.bytes + '\x1e';
  std::string key = program + binary + '\x1e' + key_files + config.path + '\x1e' + (zone ? zone->rules_digest() : "0") + '\x1e' +
                    (expanded.error.empty() ? expanded.text : config.source);
  return content_hash(key);
}

namespace {

// The digest both records share: each file's path and stamp, a line each,
// hashed a batch of lines at a time.
class PostsDigest {
 public:
  void add(const std::string& path, const FileStamp& stamp) {
    lines_ += path;
    append_stamp(lines_, stamp);
    lines_ += '\n';
    if (lines_.size() >= kBatchBytes) {
      hasher_.add(lines_);
      lines_.clear();
    }
  }
  std::string finish() {
    hasher_.add(lines_);
    return hasher_.finish();
  }

 private:
  static constexpr std::size_t kBatchBytes = 1 << 20;
  ContentHasher hasher_;
  std::string lines_;
};

}  // namespace

PostStamps stamp_posts(const std::string& content_dir, const std::vector<std::string>& files, SiteFiles& disk,
                       const TaskRunner& run) {
  const std::int64_t stamped_ns = disk.stamp_clock_ns();
  std::vector<std::optional<FileStamp>> stamps = disk.stamp_files(content_dir, files, run);

  PostStamps out;
  PostsDigest digest;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!stamps[i]) {
      out.complete = false;
      continue;
    }
    digest.add(files[i], *stamps[i]);
    if (judge_stamp(*stamps[i], stamped_ns, *stamps[i]) == StampVerdict::reuse) continue;
    // Changed too recently for its stamp to tell a later write apart.
    ReadResult bytes = disk.read(content_dir + "/" + files[i], kMaxPostBytes);
    if (!bytes.status.ok()) {
      out.complete = false;
      continue;
    }
    out.racy[files[i]] = content_hash(bytes.bytes);
  }
  out.digest = digest.finish();
  return out;
}

PostStamps known_post_stamps(std::vector<KnownPostFile> files) {
  std::sort(files.begin(), files.end(),
            [](const KnownPostFile& a, const KnownPostFile& b) { return a.path < b.path; });
  PostStamps out;
  PostsDigest digest;
  for (KnownPostFile& file : files) {
    digest.add(file.path, file.stamp);
    if (judge_stamp(file.stamp, file.stamped_ns, file.stamp) != StampVerdict::reuse) {
      out.racy[std::move(file.path)] = std::move(file.hash);
    }
  }
  out.digest = digest.finish();
  return out;
}

std::optional<BuildManifest> read_build_manifest(const std::string& state_dir, const char* file) {
  ReadResult text = read_whole_file(manifest_path(state_dir, file), kMaxManifestBytes, false);
  if (!text.status.ok()) return std::nullopt;
  try {
    return manifest_of(json::parse(text.bytes).as_object());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Status write_build_manifest(const std::string& state_dir, const BuildManifest& m, const char* file) {
  json::object racy;
  for (const auto& [path, hash] : m.posts.racy) racy[path] = hash;
  json::array outputs;
  for (const StampedOutput& o : m.outputs) outputs.push_back(json::array{json::string(o.path), stamp_json(o.stamp)});
  json::object images;
  for (const auto& [path, size] : m.images) images[path] = size ? json::value(*size) : json::value(nullptr);
  json::object o{{"version", kManifestVersion},
                 {"key", m.key},
                 {"posts_digest", m.posts.digest},
                 {"racy_posts", std::move(racy)},
                 {"outputs", std::move(outputs)},
                 {"images", std::move(images)},
                 {"valid_until", m.valid_until ? json::value(*m.valid_until) : json::value(nullptr)},
                 {"summary", summary_json(m.summary)}};
  Status dir = make_private_directory(state_dir);
  if (!dir.ok()) return dir;
  const std::string path = manifest_path(state_dir, file);
  WriteResult written = write_file_atomically(path, json::serialize(o) + "\n");
  if (!written.ok()) return Status::failed(path + ": " + written.error());
  return make_private_file(path, false);
}

void remove_build_manifest(const std::string& state_dir, const char* file) {
  ::unlink(manifest_path(state_dir, file).c_str());
}

namespace {

// What a manifest vouches for without a look at the disk: the same build
// key, and no time-driven change due yet.
bool still_current(const BuildManifest& m, const std::string& key, const Timestamp& now) {
  return m.key == key && !(m.valid_until && now.unix_seconds >= *m.valid_until);
}

}  // namespace

bool build_unchanged(const BuildManifest& m, const std::string& key, const std::string& content_dir,
                     const PostStamps& stamps, const Timestamp& now, SiteFiles& disk) {
  if (!still_current(m, key, now) || !stamps.complete || m.posts.digest != stamps.digest) return false;
  for (const auto& [path, hash] : m.posts.racy) {
    // Same path, same stamp (the digest matched), but a stamp that could
    // not tell a later write apart: are they the same bytes?
    auto seen = stamps.racy.find(path);
    if (seen != stamps.racy.end()) {
      if (seen->second != hash) return false;
      continue;
    }
    ReadResult bytes = disk.read(content_dir + "/" + path, kMaxPostBytes);
    if (!bytes.status.ok() || content_hash(bytes.bytes) != hash) return false;
  }
  for (const StampedOutput& out : m.outputs) {
    Result<FileStamp> stamp = disk.stamp(out.path);
    if (!stamp.ok() || !(*stamp == out.stamp)) return false;
  }
  for (const auto& [path, size] : m.images) {
    if (static_file_size(path, disk) != size) return false;
  }
  return true;
}

bool take_run_manifest(const Config& config, const std::string& key, const Timestamp& now, SiteFiles& disk,
                       const TaskRunner& run) {
  std::optional<BuildManifest> manifest = read_build_manifest(config.state.dir, kRunManifestFile);
  remove_build_manifest(config.state.dir, kRunManifestFile);  // one that does not parse too
  // Another binary or configuration (an upgrade, an edit) needs no stat of
  // every post file to be told apart: at 1,000,000 posts that is seconds.
  if (!manifest || !still_current(*manifest, key, now)) return false;
  ScanResult scan = disk.scan(config.content.dir, ContentFilter{config.content.include, config.content.exclude});
  if (!scan.errors.empty()) return false;
  PostStamps stamps = stamp_posts(config.content.dir, scan.files, disk, run);
  return build_unchanged(*manifest, key, config.content.dir, stamps, now, disk);
}

}  // namespace herald
