// Helpers shared by the test suites: temporary directories that clean up,
// whole-file read/write, running a command and capturing its output, and
// the paths of the source tree, shared/ and the built `herald` binary.
#pragma once

#include <string>
#include <vector>

namespace herald::test {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on
// destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path() + "/" + rel
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);
// Creates parent directories as needed.
void write_file(const std::string& path, const std::string& bytes);

struct CommandResult {
  int exit_code = -1;   // -1 when killed by a signal
  std::string out;      // stdout
  std::string err;      // stderr
};

// This process's environment with `overrides` ("NAME=value") replacing or
// adding variables; for a child's execve.
std::vector<std::string> environment_with(const std::vector<std::string>& overrides);
// argv-style pointers into `strings`, null-terminated; valid while they are.
std::vector<char*> c_strings(std::vector<std::string>& strings);

// Runs argv[0] with arguments (no shell), with an optional working directory
// and extra environment entries ("NAME=value"), and waits for it.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd = "",
                          const std::vector<std::string>& env = {});

std::string source_dir();   // the repository root
std::string shared_dir();   // ../shared next to the repository
std::string herald_binary();
std::string seed_post_path();  // shared/seed/000_cd72f1639913488c.txt

}  // namespace herald::test
