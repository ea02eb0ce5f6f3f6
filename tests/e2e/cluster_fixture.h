// Several `herald run` instances sharing one PostgreSQL outbox, for the
// e2e tests of state.database: each instance is a test::Site of its own
// (content, output, state directory, port) whose `state:` names the
// database (password in a file) and its instance name ("web1", "web2",
// ...). Every instance watches an identical copy of the content, as
// instances behind a load balancer do.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/database_url.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/test_support.h"

namespace herald::test {

// Posts n<first>.md ... with ids first.. and titles "Noticia <id>", for
// Cluster::add_posts.
std::vector<std::pair<std::string, std::string>> numbered_posts(int first, int count);

class Cluster {
 public:
  // `instances` sites on `database`, with `extra` YAML (targets, delivery).
  Cluster(const DatabaseConfig& database, int instances, const std::string& extra);
  int size() const { return static_cast<int>(sites_.size()); }
  Site& site(int i) { return *sites_.at(i); }
  DaemonProcess& daemon(int i) { return *daemons_.at(i); }
  // Starts instance i (again) and waits for its READY=1.
  void start(int i);
  // kill -9 of instance i; it is not running afterwards.
  void kill(int i);
  // Writes `files` (path relative to content.dir -> bytes) into every
  // instance's content at once (each set renamed into place as a directory).
  void add_posts(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);
  // Everything the instances logged (for failure messages).
  std::string logs() const;

 private:
  TempDir secrets_;
  std::vector<std::unique_ptr<Site>> sites_;
  std::vector<std::unique_ptr<DaemonProcess>> daemons_;
};

}  // namespace herald::test
