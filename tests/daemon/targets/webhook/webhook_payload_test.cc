#include "daemon/targets/webhook/webhook_payload.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/support/seed_post.h"

namespace herald {
namespace {

constexpr std::int64_t kEventTime = 1764417600;  // 2025-11-29T12:00:00Z

Config site_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.content.rules.fields.id = "news_id";
  config.feeds.sections.dir = "secciones/{slug}/";
  config.feeds.tags.dir = "etiquetas/{slug}/";
  return config;
}

Post seed_post(const Config& config) { return test::parse_seed_post(config.content.rules); }

// Hand-derived: the seed's fields, the default permalink, the image resolved
// against the site, the main feed at the root, section and tag feeds under
// the configured dirs with ASCII slugs, accents kept as UTF-8.
const std::string kSeedGolden =
    R"({"type":"post.published","timestamp":"2025-11-29T12:00:00Z","data":{)"
    R"("id":"186509","title":"Capacita IMM a su personal sobre violencia extrema",)"
    R"("url":"https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/",)"
    R"("summary":"El diplomado tiene como objetivo establecer un proceso de profesionalización y )"
    R"(actualización en temas relacionados con la aplicación de diagnósticos para determinar la )"
    R"(problemática de las víctimas de violencia familiar y de género, así como derechos humanos de )"
    R"(las mujeres",)"
    R"("date":"2021-08-10T16:17:00-06:00","section":"Local","tags":["IMM","capacitación"],)"
    R"("image":"https://noticias.example.mx/uploads/2021/images-unnamed.png",)"
    R"("image_alt":"Capacita IMM a su personal sobre violencia extrema",)"
    R"("feeds":{"rss":"https://noticias.example.mx/rss.xml","atom":"https://noticias.example.mx/atom.xml",)"
    R"("json":"https://noticias.example.mx/feed.json"},)"
    R"("section_feeds":{"rss":"https://noticias.example.mx/secciones/local/rss.xml",)"
    R"("atom":"https://noticias.example.mx/secciones/local/atom.xml",)"
    R"("json":"https://noticias.example.mx/secciones/local/feed.json"},)"
    R"("tag_feeds":[{"tag":"IMM","rss":"https://noticias.example.mx/etiquetas/imm/rss.xml",)"
    R"("atom":"https://noticias.example.mx/etiquetas/imm/atom.xml",)"
    R"("json":"https://noticias.example.mx/etiquetas/imm/feed.json"},)"
    R"({"tag":"capacitación","rss":"https://noticias.example.mx/etiquetas/capacitacion/rss.xml",)"
    R"("atom":"https://noticias.example.mx/etiquetas/capacitacion/atom.xml",)"
    R"("json":"https://noticias.example.mx/etiquetas/capacitacion/feed.json"}]}})";

BOOST_AUTO_TEST_SUITE(webhook_payload)

BOOST_AUTO_TEST_CASE(seed_post_published_golden) {
  Config config = site_config();
  std::string body = herald::webhook_payload(DeliveryEvent::published, seed_post(config), config, kEventTime);
  BOOST_TEST(body == kSeedGolden);
}

BOOST_AUTO_TEST_CASE(updated_event_has_the_same_data) {
  Config config = site_config();
  std::string body = herald::webhook_payload(DeliveryEvent::updated, seed_post(config), config, kEventTime);
  std::string expected = kSeedGolden;
  expected.replace(expected.find("post.published"), 14, "post.updated");
  BOOST_TEST(body == expected);
}

BOOST_AUTO_TEST_CASE(deleted_event_carries_id_url_and_title) {
  Config config = site_config();
  std::string body = herald::webhook_payload(DeliveryEvent::deleted, seed_post(config), config, kEventTime);
  BOOST_TEST(body ==
             R"({"type":"post.deleted","timestamp":"2025-11-29T12:00:00Z","data":{"id":"186509",)"
             R"("url":"https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/",)"
             R"("title":"Capacita IMM a su personal sobre violencia extrema"}})");
}

BOOST_AUTO_TEST_CASE(missing_image_section_and_tags_are_null_or_empty) {
  Config config = site_config();
  Post post = seed_post(config);
  post.image.reset();
  post.section.clear();
  post.tags.clear();
  boost::json::object data =
      boost::json::parse(herald::webhook_payload(DeliveryEvent::published, post, config, kEventTime))
          .as_object()
          .at("data")
          .as_object();
  BOOST_TEST(data.at("image").is_null());
  BOOST_TEST(data.at("image_alt").is_null());
  BOOST_TEST(data.at("section").is_null());
  BOOST_TEST(data.at("section_feeds").is_null());
  BOOST_TEST(data.at("tags").as_array().empty());
  BOOST_TEST(data.at("tag_feeds").as_array().empty());
  // An image with an empty URL is no image either.
  post.image = Image{"", "alt"};
  data = boost::json::parse(herald::webhook_payload(DeliveryEvent::published, post, config, kEventTime))
             .as_object()
             .at("data")
             .as_object();
  BOOST_TEST(data.at("image").is_null());
}

BOOST_AUTO_TEST_CASE(absolute_images_stay_and_text_is_kept_verbatim) {
  Config config = site_config();
  Post post = seed_post(config);
  post.image = Image{"https://cdn.example.mx/a.jpg", ""};
  post.title = "Año \"récord\" <b>ñandú</b> 🎉";
  std::string body = herald::webhook_payload(DeliveryEvent::published, post, config, kEventTime);
  BOOST_TEST(body.find(R"("title":"Año \"récord\" <b>ñandú</b> 🎉")") != std::string::npos);
  BOOST_TEST(body.find(R"("image":"https://cdn.example.mx/a.jpg","image_alt":"")") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(disabled_families_and_formats_are_left_out) {
  Config config = site_config();
  config.feeds.main.enabled = false;
  config.feeds.sections.formats = {FeedFormat::atom};
  config.feeds.tags.enabled = false;
  boost::json::object data =
      boost::json::parse(herald::webhook_payload(DeliveryEvent::published, seed_post(config), config,
                                         kEventTime))
          .as_object()
          .at("data")
          .as_object();
  BOOST_TEST(data.at("feeds").as_object().empty());
  BOOST_TEST(boost::json::serialize(data.at("section_feeds")) ==
             R"({"atom":"https://noticias.example.mx/secciones/local/atom.xml"})");
  BOOST_TEST(data.at("tag_feeds").as_array().empty());
}

BOOST_AUTO_TEST_CASE(tags_sharing_a_slug_share_one_feed) {
  Config config = site_config();
  Post post = seed_post(config);
  post.tags = {"Economía", "economia", "!!!"};
  boost::json::array feeds =
      boost::json::parse(herald::webhook_payload(DeliveryEvent::published, post, config, kEventTime))
          .as_object()
          .at("data")
          .as_object()
          .at("tag_feeds")
          .as_array();
  BOOST_TEST_REQUIRE(feeds.size() == 1u);
  BOOST_TEST(feeds[0].as_object().at("tag").as_string() == "Economía");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
