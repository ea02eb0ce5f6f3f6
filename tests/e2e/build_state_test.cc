// End-to-end: `herald build` with a configured state directory skips a
// build in which nothing changed (daemon/site/build_manifest.h), and builds
// whenever anything it depends on did.
#include <fcntl.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <ctime>
#include <filesystem>

#include "tests/e2e/site_fixture.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSkipped = "nothing changed since the last build";

CommandResult build(const Site& site, const std::vector<std::string>& env = {}) {
  return run_command({herald_binary(), "build", "--config", site.config_path()}, "", env);
}

std::int64_t mtime_ns(const std::string& path) {
  struct stat st {};
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  return std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// The first line of the output: the counts of posts.
std::string summary(const CommandResult& r) { return r.out.substr(0, r.out.find('\n')); }

BOOST_AUTO_TEST_SUITE(build_state)

BOOST_AUTO_TEST_CASE(a_build_in_which_nothing_changed_reads_and_writes_nothing) {
  Site site(20);
  CommandResult first = build(site);
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  BOOST_TEST(first.out.find(kSkipped) == std::string::npos);
  BOOST_TEST(fs::exists(site.dir / "state/build-manifest.json"));
  std::int64_t written = mtime_ns(site.dir / "public/rss.xml");

  CommandResult second = build(site);
  BOOST_TEST_REQUIRE(second.exit_code == 0, second.err);
  BOOST_TEST(second.out.find(kSkipped) != std::string::npos, second.out);
  BOOST_TEST(summary(second) == summary(first));
  BOOST_TEST(mtime_ns(site.dir / "public/rss.xml") == written);
}

// Issue 18's check: a post written again with the same size and its
// mtime put back is read again (its ctime moved).
BOOST_AUTO_TEST_CASE(a_same_size_edit_with_its_mtime_put_back_is_built) {
  Site site(20);
  BOOST_TEST_REQUIRE(build(site).exit_code == 0);
  std::string path = site.content(Site::post_file(1005));
  struct stat before {};
  BOOST_REQUIRE(::stat(path.c_str(), &before) == 0);
  std::string text = read_file(path);
  std::size_t at = text.find("Noticia 1005");
  BOOST_REQUIRE(at != std::string::npos);
  text.replace(at, 12, "Noticia 5001");
  write_file(path, text);
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);

  CommandResult again = build(site);
  BOOST_TEST_REQUIRE(again.exit_code == 0, again.err);
  BOOST_TEST(again.out.find(kSkipped) == std::string::npos, again.out);
  BOOST_TEST(site.feed_has("Noticia 5001"));
  BOOST_TEST(!site.feed_has("<title>Noticia 1005</title>"));
}

BOOST_AUTO_TEST_CASE(a_feed_file_removed_or_a_configuration_changed_is_built_again) {
  Site site(20);
  BOOST_TEST_REQUIRE(build(site).exit_code == 0);
  fs::remove(site.dir / "public/atom.xml");
  CommandResult again = build(site);
  BOOST_TEST(again.out.find(kSkipped) == std::string::npos, again.out);
  BOOST_TEST(fs::exists(site.dir / "public/atom.xml"));

  std::string config = read_file(site.config_path());
  config.replace(config.find("Noticias de prueba"), 18, "Noticias de Prueba");
  write_file(site.config_path(), config);
  again = build(site);
  BOOST_TEST(again.out.find(kSkipped) == std::string::npos, again.out);
  BOOST_TEST(site.feed_has("Noticias de Prueba"));
  BOOST_TEST(build(site).out.find(kSkipped) != std::string::npos);
}

// A scheduled post comes out when its time comes, with no file changed.
BOOST_AUTO_TEST_CASE(a_scheduled_post_is_published_by_the_first_build_after_its_time) {
  Site site(20);
  write_file(site.content("nuevas/futura.md"), post(4000, "Noticia futura", rfc3339(std::time(nullptr) + 3600)));
  CommandResult first = build(site);
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  BOOST_TEST(first.out.find("1 scheduled") != std::string::npos, first.out);
  BOOST_TEST(build(site).out.find(kSkipped) != std::string::npos);  // an hour early

  std::string offset = site.dir / "clock-offset";
  write_file(offset, "7200\n");
  CommandResult later = build(site, clock_shim_env(offset));
  BOOST_TEST_REQUIRE(later.exit_code == 0, later.err);
  BOOST_TEST(later.out.find(kSkipped) == std::string::npos, later.out);
  BOOST_TEST(later.out.find("0 scheduled") != std::string::npos, later.out);
  BOOST_TEST(site.feed_has("Noticia futura"));
}

// A skipped build says what the last one said: the same errors, the same
// exit status.
BOOST_AUTO_TEST_CASE(a_skipped_build_reports_the_broken_posts_again) {
  Site site(20);
  write_file(site.content("rota.md"), "---\ntitle: [sin cerrar\n---\ncuerpo\n");
  CommandResult first = build(site);
  BOOST_TEST_REQUIRE(first.exit_code == 1, first.err);
  BOOST_TEST(first.err.find("rota.md") != std::string::npos, first.err);
  CommandResult second = build(site);
  BOOST_TEST(second.exit_code == 1);
  BOOST_TEST(second.out.find(kSkipped) != std::string::npos, second.out);
  BOOST_TEST(second.err == first.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald::test
