#include "daemon/targets/mastodon/mastodon_status.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/text/text_length.h"
#include "feeds/post_parser.h"
#include "feeds/time_zone.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

Config site_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.site.language = "es-MX";
  config.content.rules.fields.id = "news_id";
  return config;
}

SnapshotFields seed_snapshot(const Config& config) {
  PostParseResult r = parse_post("000_cd72f1639913488c.txt", test::read_file(test::seed_post_path()),
                                 config.content.rules, *TimeZone::load("America/Chihuahua"));
  BOOST_TEST_REQUIRE(r.post.has_value());
  Result<SnapshotFields> fields = SnapshotFields::read(post_snapshot(*r.post, config));
  BOOST_TEST_REQUIRE(fields.ok(), fields.error());
  return *fields;
}

TargetConfig mastodon_target() {
  TargetConfig target;
  target.name = "toot";
  target.type = TargetType::mastodon;
  target.settings = MastodonSettings{};
  target.url = "https://mastodon.example";
  target.as<MastodonSettings>().token = "tok";
  target.as<MastodonSettings>().visibility = "public";
  return target;
}

TextTemplate default_template() {
  TemplateError error;
  return *TextTemplate::compile(kMastodonTemplate, &error);
}

std::string text_for(const TargetConfig& target, const MastodonLimits& limits) {
  Config config = site_config();
  Result<std::string> text = mastodon_status_text(default_template(), seed_snapshot(config), target,
                                                         limits, mastodon_language(target, config));
  BOOST_TEST_REQUIRE(text.ok(), text.error());
  return *text;
}

const std::string kSeedUrl =
    "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";

// Hand-derived: the default template with the seed's title, summary, URL and
// hashtags (section first, then the tags, accents kept); everything fits in 500.
const std::string kSeedStatusGolden =
    R"({"status":"Capacita IMM a su personal sobre violencia extrema\n\n)"
    R"(El diplomado tiene como objetivo establecer un proceso de profesionalización y )"
    R"(actualización en temas relacionados con la aplicación de diagnósticos para determinar la )"
    R"(problemática de las víctimas de violencia familiar y de género, así como derechos humanos de )"
    R"(las mujeres\n\n)"
    R"(https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/\n\n)"
    R"(#Local #IMM #capacitación",)"
    R"("visibility":"unlisted","language":"es","spoiler_text":"Violencia","sensitive":true,)"
    R"("media_ids":["109"]})";

BOOST_AUTO_TEST_SUITE(mastodon_status)

BOOST_AUTO_TEST_CASE(seed_status_body_golden) {
  TargetConfig target = mastodon_target();
  target.as<MastodonSettings>().visibility = "unlisted";
  target.as<MastodonSettings>().spoiler_text = "Violencia";
  target.as<MastodonSettings>().sensitive = true;
  std::string text = text_for(target, MastodonLimits{});
  BOOST_TEST(mastodon_status_body(text, target, "es", {"109"}) == kSeedStatusGolden);
}

BOOST_AUTO_TEST_CASE(optional_members_are_left_out) {
  TargetConfig target = mastodon_target();
  BOOST_TEST(mastodon_status_body("Hola", target, "es", {}) ==
             R"({"status":"Hola","visibility":"public","language":"es"})");
  target.as<MastodonSettings>().visibility.clear();
  BOOST_TEST(mastodon_status_body("Hola", target, "", {}) == R"({"status":"Hola","visibility":"public"})");
}

BOOST_AUTO_TEST_CASE(language_is_the_primary_subtag) {
  Config config = site_config();
  TargetConfig target = mastodon_target();
  BOOST_TEST(mastodon_language(target, config) == "es");
  target.as<MastodonSettings>().text.language = "pt-BR";
  BOOST_TEST(mastodon_language(target, config) == "pt");
  target.as<MastodonSettings>().text.language = "ca";
  BOOST_TEST(mastodon_language(target, config) == "ca");
}

BOOST_AUTO_TEST_CASE(a_small_server_limit_shortens_the_summary_first) {
  MastodonLimits limits;
  limits.max_characters = 120;
  TargetConfig target = mastodon_target();
  std::string text = text_for(target, limits);
  // title 50 + 2 + summary + 2 + URL 23 + 2 + hashtags 25: 16 left for the summary.
  BOOST_TEST(count_mastodon(text) <= 120u);
  BOOST_TEST(text == "Capacita IMM a su personal sobre violencia extrema\n\nEl diplomado…\n\n" + kSeedUrl +
                         "\n\n#Local #IMM #capacitación");
}

BOOST_AUTO_TEST_CASE(the_spoiler_and_the_url_length_count) {
  MastodonLimits limits;
  limits.max_characters = 120;
  limits.characters_reserved_per_url = 30;
  TargetConfig target = mastodon_target();
  target.as<MastodonSettings>().spoiler_text = "Aviso!!";  // 7
  std::string text = text_for(target, limits);
  BOOST_TEST(count_mastodon(text, "Aviso!!", 30) <= 120u);
  // 7 + 7 fewer for the summary than above: 2 left, no word fits, one grapheme and "…".
  BOOST_TEST(text == "Capacita IMM a su personal sobre violencia extrema\n\nE…\n\n" + kSeedUrl +
                         "\n\n#Local #IMM #capacitación");
}

BOOST_AUTO_TEST_CASE(hashtags_follow_the_cap) {
  TargetConfig target = mastodon_target();
  target.as<MastodonSettings>().text.max_hashtags = 2;
  BOOST_TEST(text_for(target, MastodonLimits{}).ends_with(kSeedUrl + "\n\n#Local #IMM"));
  target.as<MastodonSettings>().text.max_hashtags = 0;
  BOOST_TEST(text_for(target, MastodonLimits{}).ends_with(kSeedUrl));
}

BOOST_AUTO_TEST_CASE(a_text_that_cannot_fit_is_an_error) {
  MastodonLimits limits;
  limits.max_characters = 10;
  Config config = site_config();
  Result<std::string> text =
      mastodon_status_text(default_template(), seed_snapshot(config), mastodon_target(), limits, "es");
  BOOST_TEST(!text.ok());
  BOOST_TEST(text.error() == "text too long even without title, summary and hashtags: 23, limit 10");
}

BOOST_AUTO_TEST_CASE(alt_text_is_cut_at_1500_graphemes) {
  std::string short_alt = "Capacitación del personal";
  BOOST_TEST(mastodon_alt_text(short_alt) == short_alt);
  std::string long_alt;
  for (int i = 0; i < 1600; ++i) long_alt += "é";  // 2 bytes each
  std::string cut = mastodon_alt_text(long_alt);
  BOOST_TEST(count_graphemes(cut) == 1500u);
  BOOST_TEST(cut.size() == 3000u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
