// JSON Feed 1.1 writer: the exact document for the seed post (fixed key
// order), content_text for summary-only feeds, tags, determinism, and that
// Boost.JSON reads the output back.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "feeds/feed_writers.h"
#include "tests/feeds/feed_writer_fixture.h"

namespace herald {
namespace {

constexpr const char* kSeedJson =
    R"({"version":"https://jsonfeed.org/version/1.1",)"
    R"("title":"Noticias del Municipio de Chihuahua",)"
    R"("home_page_url":"https://www.municipiochihuahua.gob.mx/",)"
    R"("feed_url":"https://www.municipiochihuahua.gob.mx/feed.json",)"
    R"("description":"Noticias del Gobierno Municipal de Chihuahua",)"
    R"("language":"es-MX",)"
    R"("icon":"https://www.municipiochihuahua.gob.mx/favicon.png",)"
    R"("favicon":"https://www.municipiochihuahua.gob.mx/favicon.png",)"
    R"("authors":[{"name":"Gobierno Municipal de Chihuahua"}],)"
    R"("hubs":[{"type":"WebSub","url":"https://pubsubhubbub.appspot.com/"}],)"
    R"("items":[{"id":"tag:www.municipiochihuahua.gob.mx,2015:news/186509",)"
    R"("url":"https://www.municipiochihuahua.gob.mx/noticias/2021/08/10/)"
    R"(capacita-imm-a-su-personal-sobre-violencia-extrema/",)"
    R"("title":"Capacita IMM a su personal sobre violencia extrema",)"
    R"("content_html":"<p>Como parte de la capacitación constante, )"
    R"(el IMM brinda un diplomado.</p>\n)"
    R"(<p>Horario: 9 < 15 horas; fin del bloque ]]> aquí.</p>",)"
    R"("summary":"El diplomado tiene como objetivo establecer un proceso de profesionalización",)"
    R"("image":"https://www.municipiochihuahua.gob.mx/uploads/2021/images-unnamed.png",)"
    R"("date_published":"2021-08-10T16:17:00-06:00",)"
    R"("date_modified":"2021-08-10T16:17:00-06:00",)"
    R"("authors":[{"name":"Gobierno Municipal de Chihuahua"}],)"
    R"("tags":["Local","IMM","capacitación"]}]})"
    "\n";

boost::json::object parse_object(const std::string& text) {
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  BOOST_TEST_REQUIRE(!ec);
  BOOST_TEST_REQUIRE(value.is_object());
  return value.as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_feed_writer)

BOOST_AUTO_TEST_CASE(writes_the_seed_post_exactly) {
  BOOST_TEST(write_json_feed(test::seed_feed()) == kSeedJson);
}

BOOST_AUTO_TEST_CASE(parses_back_with_the_exact_version) {
  boost::json::object feed = parse_object(write_json_feed(test::seed_feed()));
  BOOST_TEST(feed.at("version").as_string() == "https://jsonfeed.org/version/1.1");
  const boost::json::object& item = feed.at("items").as_array().at(0).as_object();
  BOOST_TEST(item.at("id").as_string() == "tag:www.municipiochihuahua.gob.mx,2015:news/186509");
  BOOST_TEST(item.at("content_html").as_string() == test::seed_entry().content_html);
}

BOOST_AUTO_TEST_CASE(same_feed_gives_same_bytes) {
  BOOST_TEST(test::rewrites_same_bytes(FeedFormat::json, write_json_feed(test::seed_feed())));
}

BOOST_AUTO_TEST_CASE(empty_feed_has_an_empty_item_list) {
  Feed feed = test::seed_feed();
  feed.entries.clear();
  std::string json = write_json_feed(feed);
  BOOST_TEST(json.ends_with(R"(,"items":[]})" "\n"));
  BOOST_TEST(parse_object(json).at("items").as_array().empty());
}

BOOST_AUTO_TEST_CASE(summary_only_items_carry_content_text) {
  Feed feed = test::seed_feed();
  feed.full_content = false;
  const boost::json::object item =
      parse_object(write_json_feed(feed)).at("items").as_array().at(0).as_object();
  BOOST_TEST(!item.contains("content_html"));
  BOOST_TEST(item.at("content_text").as_string() == test::seed_entry().summary);
}

BOOST_AUTO_TEST_CASE(tags_list_the_section_first_once) {
  Feed feed = test::seed_feed();
  feed.entries[0].tags = {"IMM", "Local", "capacitación"};
  std::string json = write_json_feed(feed);
  BOOST_TEST(json.find(R"("tags":["Local","IMM","capacitación"]})") != std::string::npos);
  feed.entries[0].section.clear();
  feed.entries[0].tags.clear();
  BOOST_TEST(!parse_object(write_json_feed(feed))
                  .at("items").as_array().at(0).as_object().contains("tags"));
}

BOOST_AUTO_TEST_CASE(keeps_the_entry_order_and_repairs_bad_utf8) {
  Feed feed = test::seed_feed();
  FeedEntry second = test::seed_entry();
  second.id = "a-first-by-name";
  second.title = std::string("T\xC3\x28tulo\x01");
  feed.entries.push_back(second);
  const boost::json::array items = parse_object(write_json_feed(feed)).at("items").as_array();
  BOOST_TEST(items.at(1).as_object().at("id").as_string() == "a-first-by-name");
  BOOST_TEST(items.at(1).as_object().at("title").as_string() == "T\xEF\xBF\xBD(tulo\x01");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
