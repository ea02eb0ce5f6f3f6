#include "daemon/watch/content_scanner.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <system_error>
#include <thread>

namespace herald {
namespace {

// fnmatch(), with the common shapes of a file-name glob answered without it:
// a literal ("4913") and a star before a literal ("*.md", "*~"). A scan asks
// this several times of every file: a million, for some sites.
bool glob_matches(const std::string& glob, const std::string& text, int flags) {
  const bool starred = !glob.empty() && glob.front() == '*';
  const std::string_view literal = std::string_view(glob).substr(starred ? 1 : 0);
  if (literal.find_first_of("*?[\\") != std::string_view::npos || (starred && (flags & FNM_PATHNAME))) {
    return ::fnmatch(glob.c_str(), text.c_str(), flags) == 0;
  }
  return starred ? text.ends_with(literal) : text == literal;
}

bool matches_any(const std::vector<std::string>& globs, const std::string& text, int flags) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& glob) { return glob_matches(glob, text, flags); });
}

std::string file_name_of(const std::string& relative_path) {
  std::size_t slash = relative_path.rfind('/');
  return slash == std::string::npos ? relative_path : relative_path.substr(slash + 1);
}

bool hidden_component(const std::string& relative_path) {
  std::size_t start = 0;
  while (start < relative_path.size()) {
    if (relative_path[start] == '.') return true;
    std::size_t slash = relative_path.find('/', start);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& builtin_temp_patterns() {
  static const std::vector<std::string> patterns = {
      "*~", ".*.swp", ".*.swx", "4913", ".#*", "#*#", ".goutputstream-*", ".~tmp~", "*.tmp",
  };
  return patterns;
}

bool ContentFilter::accepts(const std::string& relative_path) const {
  if (hidden_component(relative_path)) return false;
  std::string name = file_name_of(relative_path);
  if (!matches_any(include, name, 0)) return false;
  // Hidden names are refused above: the temporary patterns that start with
  // a dot are for them (a scan asks this of every file).
  for (const std::string& glob : builtin_temp_patterns()) {
    if (!glob.starts_with('.') && glob_matches(glob, name, 0)) return false;
  }
  return !matches_any(exclude, name, 0) && !matches_any(exclude, relative_path, FNM_PATHNAME);
}

namespace {

// What a directory entry is, following a symbolic link (d_type when the
// file system gives it, else a stat).
enum class EntryKind { directory, linked_directory, file, other };

EntryKind kind_of(int dir_fd, const dirent& entry) {
  if (entry.d_type == DT_DIR) return EntryKind::directory;
  if (entry.d_type == DT_REG) return EntryKind::file;
  if (entry.d_type != DT_LNK && entry.d_type != DT_UNKNOWN) return EntryKind::other;
  struct stat st {};
  if (::fstatat(dir_fd, entry.d_name, &st, 0) != 0) return EntryKind::other;  // dangling
  if (S_ISREG(st.st_mode)) return EntryKind::file;
  if (!S_ISDIR(st.st_mode)) return EntryKind::other;
  if (entry.d_type == DT_LNK) return EntryKind::linked_directory;
  struct stat own {};
  bool link = ::fstatat(dir_fd, entry.d_name, &own, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(own.st_mode);
  return link ? EntryKind::linked_directory : EntryKind::directory;
}

std::string errno_text(int error) { return std::generic_category().message(error); }

struct Pending {
  std::string path;      // as the caller spells content_dir, then joined with '/'
  std::string relative;  // "" for content_dir itself, else ending in '/'
};

// Lists `dir`: its post files into `result`, its subdirectories onto `pending`.
void list_directory(const Pending& dir, const ContentFilter& filter, std::vector<Pending>& pending,
                    ScanResult& result) {
  DIR* stream = ::opendir(dir.path.c_str());
  if (stream == nullptr) {
    const bool root = dir.relative.empty();
    std::string what = root ? "cannot read the content directory: " : "cannot read directory: ";
    std::string fix = root ? "; check content.dir and its permissions" : "; its posts are skipped until it is readable";
    result.errors.push_back({dir.path, 0, 0, what + errno_text(errno) + fix});
    return;
  }
  const int fd = ::dirfd(stream);
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(stream);
    if (entry == nullptr) {
      if (errno != 0) {
        result.errors.push_back({dir.path, 0, 0,
                                 "cannot list directory: " + errno_text(errno) + "; some of its posts may be missing"});
      }
      break;
    }
    if (entry->d_name[0] == '.') continue;  // hidden, and . and ..
    switch (kind_of(fd, *entry)) {
      case EntryKind::directory:
        pending.push_back({dir.path + "/" + entry->d_name, dir.relative + entry->d_name + "/"});
        break;
      case EntryKind::file: {
        std::string relative = dir.relative + entry->d_name;
        if (filter.accepts(relative)) result.files.push_back(std::move(relative));
        break;
      }
      case EntryKind::linked_directory:  // never followed: no loops
      case EntryKind::other:
        break;
    }
  }
  ::closedir(stream);
}

// Every directory below `dirs` (and they), listed depth first.
void walk(std::vector<Pending> dirs, const ContentFilter& filter, ScanResult& result) {
  while (!dirs.empty()) {
    Pending dir = std::move(dirs.back());
    dirs.pop_back();
    list_directory(dir, filter, dirs, result);
  }
}

}  // namespace

// readdir with d_type and '/'-joined strings: at 100,000 posts the listing
// is a third of what a start that finds nothing changed does
// (build_manifest.h), and std::filesystem's paths (an object per entry,
// lexically_relative) cost more than the system calls. The top of the tree
// is listed first, until it has a few directories (a site's years); their
// subtrees are then walked, and their files sorted, on two threads, and the
// two lists merged. The result does not depend on the threads: files
// sorted, errors by directory.
ScanResult scan_content(const std::string& content_dir, const ContentFilter& filter) {
  constexpr std::size_t kSubtrees = 4;
  ScanResult result;
  std::vector<Pending> pending{{content_dir, ""}};
  std::size_t next = 0;  // breadth first: pending[next..] not listed yet
  while (next < pending.size() && pending.size() - next < kSubtrees) {
    Pending dir = std::move(pending[next++]);
    list_directory(dir, filter, pending, result);
  }
  if (next < pending.size()) {
    std::vector<Pending> mine, theirs;  // alternate subtrees: a site's years are alike
    for (std::size_t i = next; i < pending.size(); ++i) ((i - next) % 2 == 0 ? mine : theirs).push_back(std::move(pending[i]));
    ScanResult other;
    std::thread helper([&] {
      walk(std::move(theirs), filter, other);
      std::sort(other.files.begin(), other.files.end());
    });
    walk(std::move(mine), filter, result);
    std::sort(result.files.begin(), result.files.end());
    helper.join();
    const std::size_t mine_count = result.files.size();
    result.files.insert(result.files.end(), std::make_move_iterator(other.files.begin()),
                        std::make_move_iterator(other.files.end()));
    std::inplace_merge(result.files.begin(), result.files.begin() + static_cast<std::ptrdiff_t>(mine_count),
                       result.files.end());
    result.errors.insert(result.errors.end(), other.errors.begin(), other.errors.end());
  } else {
    std::sort(result.files.begin(), result.files.end());
  }
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
  return result;
}

}  // namespace herald
