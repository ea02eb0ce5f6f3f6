// Golden files: the seed post alone, built by the real binary, must give
// exactly tests/e2e/golden/seed.{rss.xml,atom.xml,feed.json}. After an
// intended change: HERALD_UPDATE_GOLDEN=1 e2e_tests --run_test=golden.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald::test {
namespace {

constexpr const char* kSeedConfig = R"(site:
  title: "Noticias del Municipio de Chihuahua"
  url: "https://www.municipiochihuahua.gob.mx/"
  description: "Noticias del Gobierno Municipal de Chihuahua"
  language: es-MX
  author: "Gobierno Municipal de Chihuahua"
  timezone: America/Chihuahua
  icon: /favicon.png
content:
  dir: content
  permalink: "/noticias/:year/:month/:day/:slug/"
  fields:
    id: news_id
output:
  dir: public
feeds:
  entry_id: "tag:www.municipiochihuahua.gob.mx,2015:news/{id}"
  hubs: ["https://pubsubhubbub.appspot.com/"]
  sections:
    dir: "secciones/{slug}/"
  tags:
    dir: "etiquetas/{slug}/"
)";

void check_golden(const std::string& produced, const std::string& name) {
  std::string golden = source_dir() + "/tests/e2e/golden/" + name;
  const char* update = std::getenv("HERALD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden, read_file(produced));
    return;
  }
  BOOST_TEST_INFO("golden file " << golden);
  BOOST_TEST(read_file(produced) == read_file(golden));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(seed_post_in_all_three_formats) {
  TempDir dir;
  std::filesystem::create_directories(dir / "content");
  std::filesystem::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
  write_file(dir / "herald.yaml", kSeedConfig);
  CommandResult r = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST_INFO(r.err);
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  check_golden(dir / "public/rss.xml", "seed.rss.xml");
  check_golden(dir / "public/atom.xml", "seed.atom.xml");
  check_golden(dir / "public/feed.json", "seed.feed.json");
  check_golden(dir / "public/secciones/local/atom.xml", "seed.section.atom.xml");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
