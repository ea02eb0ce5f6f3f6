#include "daemon/text/post_snapshot.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/support/seed_post.h"

namespace herald {
namespace {

Config site_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.content.rules.fields.id = "news_id";
  return config;
}

Post seed_post(const Config& config) { return test::parse_seed_post(config.content.rules); }

// Hand-derived from the seed: the URL and image as the webhook payload has
// them, `nil` fields absent, the other scalars as text.
const std::string kSeedSnapshot =
    R"({"id":"186509","title":"Capacita IMM a su personal sobre violencia extrema",)"
    R"("url":"https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/",)"
    R"("summary":"El diplomado tiene como objetivo establecer un proceso de profesionalización y )"
    R"(actualización en temas relacionados con la aplicación de diagnósticos para determinar la )"
    R"(problemática de las víctimas de violencia familiar y de género, así como derechos humanos de )"
    R"(las mujeres",)"
    R"("date":"2021-08-10T16:17:00-06:00","section":"Local","section_name":"Local",)"
    R"("tags":["IMM","capacitación"],)"
    R"("image":"https://noticias.example.mx/uploads/2021/images-unnamed.png",)"
    R"("image_alt":"Capacita IMM a su personal sobre violencia extrema",)"
    R"("fields":{"front":"false","layout":"post"}})";

std::string read_error(const boost::json::value& value) {
  Result<SnapshotFields> read = SnapshotFields::read(value);
  BOOST_TEST(!read.ok());
  return read.error();
}

BOOST_AUTO_TEST_SUITE(post_snapshot)

BOOST_AUTO_TEST_CASE(seed_post_golden) {
  Config config = site_config();
  BOOST_TEST(boost::json::serialize(herald::post_snapshot(seed_post(config), config)) ==
             kSeedSnapshot);
}

BOOST_AUTO_TEST_CASE(section_name_from_the_caller) {
  Config config = site_config();
  boost::json::object snapshot = herald::post_snapshot(seed_post(config), config, "Local y Región");
  BOOST_TEST(snapshot.at("section").as_string() == "Local");
  BOOST_TEST(snapshot.at("section_name").as_string() == "Local y Región");
}

BOOST_AUTO_TEST_CASE(post_without_image_or_section) {
  Config config = site_config();
  Post post = seed_post(config);
  post.image.reset();
  post.section.clear();
  boost::json::object snapshot = herald::post_snapshot(post, config);
  BOOST_TEST(snapshot.at("image").as_string() == "");
  BOOST_TEST(snapshot.at("image_alt").as_string() == "");
  BOOST_TEST(snapshot.at("section").as_string() == "");
  BOOST_TEST(snapshot.at("section_name").as_string() == "");
}

BOOST_AUTO_TEST_CASE(read_back_from_stored_text) {
  Result<SnapshotFields> post = SnapshotFields::parse(kSeedSnapshot);
  BOOST_TEST_REQUIRE(post.ok(), post.error());
  BOOST_TEST(post->id == "186509");
  BOOST_TEST(post->title == "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(post->url ==
             "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/");
  BOOST_TEST(post->summary.substr(0, 12) == "El diplomado");
  BOOST_TEST(post->date == "2021-08-10T16:17:00-06:00");
  BOOST_TEST(post->section == "Local");
  BOOST_TEST(post->section_name == "Local");
  BOOST_TEST(post->tags == (std::vector<std::string>{"IMM", "capacitación"}),
             boost::test_tools::per_element());
  BOOST_TEST(post->image == "https://noticias.example.mx/uploads/2021/images-unnamed.png");
  BOOST_TEST(post->image_alt == "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(post->field("front") == "false");
  BOOST_TEST(post->field("municipio") == "");
}

BOOST_AUTO_TEST_CASE(missing_members_read_as_empty) {
  Result<SnapshotFields> post = SnapshotFields::parse(R"({"title":"Obra","extra":1})");
  BOOST_TEST_REQUIRE(post.ok(), post.error());
  BOOST_TEST(post->title == "Obra");
  BOOST_TEST(post->url == "");
  BOOST_TEST(post->tags.empty());
  BOOST_TEST(post->fields.empty());
}

BOOST_AUTO_TEST_CASE(malformed_snapshots) {
  BOOST_TEST(read_error(boost::json::array{}) == "snapshot: not a JSON object");
  BOOST_TEST(read_error(boost::json::object{{"title", 3}}) == "snapshot: 'title' must be a string");
  BOOST_TEST(read_error(boost::json::object{{"tags", "IMM"}}) ==
             "snapshot: 'tags' must be an array of strings");
  BOOST_TEST(read_error(boost::json::object{{"tags", boost::json::array{"IMM", 2}}}) ==
             "snapshot: 'tags' must be an array of strings");
  BOOST_TEST(read_error(boost::json::object{{"fields", boost::json::object{{"a", true}}}}) ==
             "snapshot: 'fields' must be an object of strings");
  Result<SnapshotFields> unparsed = SnapshotFields::parse("{\"title\":");
  BOOST_TEST(!unparsed.ok());
  BOOST_TEST(unparsed.error().rfind("snapshot: not JSON: ", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
