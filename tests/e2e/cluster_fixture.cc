#include "tests/e2e/cluster_fixture.h"

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/test/unit_test.hpp>

namespace herald::test {

std::vector<std::pair<std::string, std::string>> numbered_posts(int first, int count) {
  std::vector<std::pair<std::string, std::string>> files;
  for (int id = first; id < first + count; ++id) {
    files.emplace_back("n" + std::to_string(id) + ".md",
                       post(id, "Noticia " + std::to_string(id), "2024-02-01T10:00:00-06:00"));
  }
  return files;
}

Cluster::Cluster(const DatabaseConfig& database, int instances, const std::string& extra) {
  write_file(secrets_ / "db-password", database.password + "\n");
  const std::string url = "postgresql://" + database.user + "@" + database.host + ":" + std::to_string(database.port) +
                          "/" + database.dbname;
  for (int i = 0; i < instances; ++i) {
    auto site = std::make_unique<Site>(0, extra);
    std::filesystem::create_directories(site->content(""));
    std::ifstream in(site->config_path());
    std::stringstream config;
    config << in.rdbuf();
    std::string text = config.str();
    const std::string local = "state: {dir: state}\n";
    std::size_t at = text.find(local);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    text.replace(at, local.size(),
                 "state:\n  dir: state\n  database: '" + url + "'\n  database_password_file: " +
                     secrets_ / "db-password" + "\n  instance: web" + std::to_string(i + 1) + "\n");
    write_file(site->config_path(), text);
    sites_.push_back(std::move(site));
    daemons_.push_back(nullptr);
  }
}

void Cluster::start(int i) {
  daemons_.at(i) = std::make_unique<DaemonProcess>(sites_.at(i)->config_path());
  require_started(*daemons_.at(i));
}

void Cluster::kill(int i) {
  daemons_.at(i)->signal(SIGKILL);
  BOOST_TEST_REQUIRE(daemons_.at(i)->wait_exit(std::chrono::seconds(10)) == -1, daemons_.at(i)->log());
}

void Cluster::add_posts(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  TempDir staging;
  for (int i = 0; i < size(); ++i) {
    for (const auto& [path, bytes] : files) write_file(staging / (std::to_string(i) + "/" + path), bytes);
  }
  for (int i = 0; i < size(); ++i) std::filesystem::rename(staging / std::to_string(i), sites_.at(i)->content(dir));
}

std::string Cluster::logs() const {
  std::string all;
  for (std::size_t i = 0; i < daemons_.size(); ++i) {
    if (daemons_[i]) all += "--- web" + std::to_string(i + 1) + ":\n" + daemons_[i]->log();
  }
  return all;
}

}  // namespace herald::test
