#include "daemon/targets/bluesky/bluesky_record.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/support/seed_post.h"

namespace herald {
namespace {

namespace json = boost::json;

Config site_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.site.language = "es";
  config.content.rules.fields.id = "news_id";
  return config;
}

SnapshotFields seed_snapshot() {
  Config config = site_config();
  Result<SnapshotFields> fields =
      SnapshotFields::read(post_snapshot(test::parse_seed_post(config.content.rules), config));
  BOOST_TEST_REQUIRE(fields.ok(), fields.error());
  return *fields;
}

TargetConfig bluesky_target() {
  TargetConfig target;
  target.name = "sky";
  target.type = TargetType::bluesky;
  target.settings = BlueskySettings{};
  target.as<BlueskySettings>().identifier = "noticias.bsky.social";
  target.as<BlueskySettings>().password = "abcd-efgh-ijkl-mnop";
  return target;
}

TextTemplate bluesky_template(std::string_view text = kBlueskyTemplate) {
  TemplateError error;
  std::optional<TextTemplate> tmpl = TextTemplate::compile(text, &error);
  BOOST_TEST_REQUIRE(tmpl.has_value(), error.to_string());
  return *tmpl;
}

std::string slice(const std::string& text, const json::value& facet) {
  const json::object& index = facet.at("index").as_object();
  auto start = static_cast<std::size_t>(index.at("byteStart").to_number<std::int64_t>());
  auto end = static_cast<std::size_t>(index.at("byteEnd").to_number<std::int64_t>());
  BOOST_TEST_REQUIRE(end <= text.size());
  return text.substr(start, end - start);
}

BOOST_AUTO_TEST_SUITE(bluesky_record)

BOOST_AUTO_TEST_CASE(seed_payload_golden) {
  std::string payload = bluesky_payload(seed_snapshot(), bluesky_template(), bluesky_target(), "es",
                                        "2026-11-29T16:00:00Z", "3n3hkapzf423e");
  // Title (50 bytes) + 2 newlines: the link starts at byte 52; "ó" makes
  // #capacitación 14 bytes.
  BOOST_TEST(payload == R"({"rkey":"3n3hkapzf423e","record":{"$type":"app.bsky.feed.post","text":"Capacita IMM a su personal sobre violencia extrema\n\nhttps://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/\n\n#Local #IMM #capacitación","createdAt":"2026-11-29T16:00:00Z","langs":["es"],"facets":[{"index":{"byteStart":52,"byteEnd":142},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/"}]},{"index":{"byteStart":144,"byteEnd":150},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"Local"}]},{"index":{"byteStart":151,"byteEnd":155},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"IMM"}]},{"index":{"byteStart":156,"byteEnd":170},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"capacitación"}]}]},"embed":"card","card":{"uri":"https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/","title":"Capacita IMM a su personal sobre violencia extrema","description":"El diplomado tiene como objetivo establecer un proceso de profesionalización y actualización en temas relacionados con la aplicación de diagnósticos para determinar la problemática de las víctimas de violencia familiar y de género, así como derechos humanos de las mujeres"},"image":{"url":"https://noticias.example.mx/uploads/2021/images-unnamed.png","alt":"Capacita IMM a su personal sobre violencia extrema"}})");
}

BOOST_AUTO_TEST_CASE(facets_cover_the_utf8_bytes_of_links_and_hashtags) {
  std::string text = "Obras en Alcañiz 🚧: https://noticias.example.mx/año/ñu #EducaciónVial #Local";
  json::array facets = bluesky_facets(text);
  BOOST_TEST_REQUIRE(facets.size() == 3u);
  BOOST_TEST(slice(text, facets[0]) == "https://noticias.example.mx/año/ñu");
  BOOST_TEST(facets[0].at("features").at(0).at("$type").as_string() == "app.bsky.richtext.facet#link");
  BOOST_TEST(facets[0].at("features").at(0).at("uri").as_string() == "https://noticias.example.mx/año/ñu");
  // "Obras en Alcañiz 🚧: " is 24 bytes (ñ 2, 🚧 4).
  BOOST_TEST(facets[0].at("index").at("byteStart").to_number<int>() == 24);
  BOOST_TEST(slice(text, facets[1]) == "#EducaciónVial");
  BOOST_TEST(facets[1].at("features").at(0).at("$type").as_string() == "app.bsky.richtext.facet#tag");
  BOOST_TEST(facets[1].at("features").at(0).at("tag").as_string() == "EducaciónVial");
  BOOST_TEST(slice(text, facets[2]) == "#Local");
  BOOST_TEST(bluesky_facets("sin enlaces ni etiquetas").empty());
}

BOOST_AUTO_TEST_CASE(payload_reads_back_and_makes_the_record_with_its_embed) {
  std::string text = bluesky_payload(seed_snapshot(), bluesky_template(), bluesky_target(), "es",
                                     "2026-11-29T16:00:00Z", "3n3hkapzf423e");
  Result<BlueskyPayload> payload = read_bluesky_payload(text);
  BOOST_TEST_REQUIRE(payload.ok(), payload.error());
  BOOST_TEST(payload->rkey == "3n3hkapzf423e");
  BOOST_TEST(payload->embed == "card");
  BOOST_TEST(payload->image_url == seed_snapshot().image);
  BOOST_TEST(payload->image_alt == seed_snapshot().image_alt);

  json::object blob = {{"$type", "blob"}, {"ref", {{"$link", "bafkrei"}}}, {"mimeType", "image/png"}, {"size", 5}};
  json::object card = herald::bluesky_record(*payload, &blob);
  BOOST_TEST(card.at("text") == payload->record.at("text"));
  BOOST_TEST(card.at("embed").at("$type").as_string() == "app.bsky.embed.external");
  BOOST_TEST(card.at("embed").at("external").at("uri").as_string() == seed_snapshot().url);
  BOOST_TEST(card.at("embed").at("external").at("title").as_string() == seed_snapshot().title);
  BOOST_TEST(card.at("embed").at("external").at("thumb") == json::value(blob));
  BOOST_TEST(!herald::bluesky_record(*payload, nullptr).at("embed").at("external").as_object().contains("thumb"));

  payload->embed = "images";
  json::object images = herald::bluesky_record(*payload, &blob);
  BOOST_TEST(images.at("embed").at("$type").as_string() == "app.bsky.embed.images");
  BOOST_TEST(images.at("embed").at("images").at(0).at("alt").as_string() == seed_snapshot().image_alt);
  BOOST_TEST(images.at("embed").at("images").at(0).at("image") == json::value(blob));
  BOOST_TEST(!herald::bluesky_record(*payload, nullptr).contains("embed"));
}

BOOST_AUTO_TEST_CASE(text_fits_300_graphemes_and_keeps_facets_whole) {
  SnapshotFields post = seed_snapshot();
  post.title = "";
  for (int i = 0; i < 80; ++i) post.title += "Señales ";
  std::string text = bluesky_payload(post, bluesky_template(), bluesky_target(), "es",
                                     "2026-11-29T16:00:00Z", "3n3hkapzf423e");
  Result<BlueskyPayload> payload = read_bluesky_payload(text);
  BOOST_TEST_REQUIRE(payload.ok(), payload.error());
  std::string body(payload->record.at("text").as_string());
  BOOST_TEST(body.find("…") != std::string::npos);
  BOOST_TEST(body.find(post.url) != std::string::npos);
  for (const json::value& facet : payload->record.at("facets").as_array()) {
    std::string piece = slice(body, facet);
    const json::object& feature = facet.at("features").at(0).as_object();
    if (feature.contains("uri")) BOOST_TEST(piece == std::string(feature.at("uri").as_string()));
    else BOOST_TEST(piece == "#" + std::string(feature.at("tag").as_string()));
  }
}

BOOST_AUTO_TEST_CASE(no_image_when_the_target_attaches_none_and_errors_are_stored) {
  TargetConfig target = bluesky_target();
  target.as<BlueskySettings>().text.attach_image = false;
  target.as<BlueskySettings>().embed = "images";
  Result<BlueskyPayload> payload = read_bluesky_payload(
      bluesky_payload(seed_snapshot(), bluesky_template(), target, "", "2026-11-29T16:00:00Z", "3n3hkapzf423e"));
  BOOST_TEST_REQUIRE(payload.ok(), payload.error());
  BOOST_TEST(payload->image_url == "");
  BOOST_TEST(payload->embed == "images");
  BOOST_TEST(!payload->record.contains("langs"));

  std::string stored = bluesky_payload(seed_snapshot(), bluesky_template(std::string(400, 'x')), target, "es",
                                       "2026-11-29T16:00:00Z", "3n3hkapzf423e");
  BOOST_TEST(read_bluesky_payload(stored).error() ==
             "the post cannot be made: text too long even without title, summary and hashtags: 400, limit 300");
  BOOST_TEST(read_bluesky_payload("[]").error() == "bluesky payload: not a JSON object");
  BOOST_TEST(read_bluesky_payload(R"({"rkey":"x"})").error() == "bluesky payload: no rkey or record");
}

BOOST_AUTO_TEST_CASE(uris) {
  BOOST_TEST(bluesky_at_uri("did:plc:abc", "3n3hkapzf423e") == "at://did:plc:abc/app.bsky.feed.post/3n3hkapzf423e");
  BOOST_TEST(bluesky_post_url("noticias.test", "3n3hkapzf423e") ==
             "https://bsky.app/profile/noticias.test/post/3n3hkapzf423e");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
