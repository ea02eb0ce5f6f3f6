#include "tests/e2e/site_fixture.h"

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

namespace herald::test {

std::string rfc3339(std::time_t when) {
  char text[32];
  std::tm tm{};
  gmtime_r(&when, &tm);
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string post(int id, const std::string& title, const std::string& date,
                 const std::string& section, const std::string& tag) {
  return "---\n"
         "title: \"" + title + "\"\n"
         "date: " + date + "\n"
         "tags:\n  - " + tag + "\n"
         "author: nil\n"
         "description: \"Resumen de " + title + "\"\n"
         "image: \"/uploads/" + std::to_string(id) + ".png\"\n"
         "alt: \"Imagen\"\n"
         "section: \"" + section + "\"\n"
         "news_id: " + std::to_string(id) + "\n"
         "---\n\nCuerpo de la noticia " + std::to_string(id) + ".\n";
}

std::string site_config(int port, const std::string& title, const std::string& extra,
                        const std::string& hub) {
  return "site:\n"
         "  title: \"" + title + "\"\n"
         "  url: https://noticias.example.org/\n"
         "  author: Municipio\n"
         "  language: es-MX\n"
         "  timezone: America/Chihuahua\n"
         "content:\n"
         "  dir: content\n"
         "  permalink: /noticias/:year/:month/:day/:slug/\n"
         "  fields: {id: news_id}\n"
         "output: {dir: public}\n"
         "feeds:\n"
         "  hubs: [\"" + hub + "\"]\n"
         "  sections: {dir: \"secciones/{slug}/\"}\n"
         "  tags: {dir: \"etiquetas/{slug}/\"}\n"
         "serve: {listen: \"127.0.0.1:" + std::to_string(port) + "\"}\n"
         "state: {dir: state}\n"
         "watch: {quiet: 10ms, cap: 200ms}\n" + extra;
}

namespace {

std::vector<std::string> shim_env(std::vector<std::string> settings) {
  const char* asan = std::getenv("ASAN_OPTIONS");
  settings.push_back("LD_PRELOAD=" HERALD_FAULT_SHIM);
  settings.push_back("ASAN_OPTIONS=" + std::string(asan ? asan : "") + ":verify_asan_link_order=0");
  return settings;
}

}  // namespace

std::vector<std::string> fault_shim_env(const std::string& path, const std::string& errno_name,
                                        const std::string& switch_file) {
  return shim_env({"HERALD_FAULT_PATH=" + path, "HERALD_FAULT_ERRNO=" + errno_name,
                   "HERALD_FAULT_SWITCH=" + switch_file});
}

std::vector<std::string> clock_shim_env(const std::string& offset_file) {
  return shim_env({"HERALD_CLOCK_OFFSET_FILE=" + offset_file});
}

TmpfsMount::TmpfsMount(const std::string& path, const std::string& options) : path_(path), options_(options) {
  if (::geteuid() != 0) {
    skip_reason_ = "mounting a tmpfs needs root";
    return;
  }
  std::filesystem::create_directories(path);
  if (::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    skip_reason_ = std::string("cannot mount a tmpfs here: ") + std::strerror(errno);
  }
}

TmpfsMount::~TmpfsMount() {
  if (mounted()) ::umount2(path_.c_str(), MNT_DETACH);
}

bool TmpfsMount::set_read_only(bool read_only) {
  return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT | (read_only ? static_cast<unsigned long>(MS_RDONLY) : 0UL),
                 options_.c_str()) == 0;
}

std::string Site::post_file(int id) {
  int i = id - 1000;
  return "_posts/2024-01-" + std::to_string(10 + i % 18) + "-n" + std::to_string(id) + ".md";
}

Site::Site(int posts, const std::string& extra_config) {
  for (int i = 0; i < posts; ++i) {
    int id = 1000 + i;
    write_file(dir / ("content/" + post_file(id)),
               post(id, "Noticia " + std::to_string(id),
                    "2024-01-" + std::to_string(10 + i % 18) + "T10:00:00-06:00"));
  }
  write_file(dir / "herald.yaml", site_config(port, "Noticias de prueba", extra_config));
}

std::string Site::feed(const std::string& rel) const {
  // The daemon may delete a feed between a check and a read: absent is "".
  std::ifstream in(dir / ("public/" + rel), std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  return bytes.str();
}

void fail_with(DaemonProcess& daemon, const std::string& what) {
  const std::string log = daemon.log();  // before gdb stops the daemon a while
  BOOST_FAIL(what + "; the log:\n" + log + daemon.describe());
  std::abort();  // not reached: BOOST_FAIL throws
}

void require_started(DaemonProcess& daemon) {
  if (!daemon.wait_notify("READY=1", kStart)) fail_with(daemon, "no READY=1");
  if (!wait_until([&] { return daemon.log().find(" info start: ") != std::string::npos; }, kStart)) {
    fail_with(daemon, "no \"info start:\" in the log");
  }
}

CommandResult herald_cli(const Site& site, const std::vector<std::string>& args) {
  std::vector<std::string> argv{herald_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--config");
  argv.push_back(site.config_path());
  return run_command(argv);
}

std::optional<boost::json::object> find_target_status(const Site& site, const std::string& name) {
  CommandResult status = herald_cli(site, {"status", "--json"});
  if (status.exit_code != 0) return std::nullopt;
  boost::json::value parsed = boost::json::parse(status.out);
  for (const boost::json::value& t : parsed.at("targets").as_array()) {
    if (t.at("name").as_string() == name) return t.as_object();
  }
  return std::nullopt;
}

boost::json::object target_status(const Site& site, const std::string& name) {
  std::optional<boost::json::object> found = find_target_status(site, name);
  if (!found) BOOST_FAIL("no target " + name + " in herald status: " + herald_cli(site, {"status", "--json"}).err);
  return *found;
}

}  // namespace herald::test
