// The seed post (shared/seed/000_cd72f1639913488c.txt) as the chat drivers'
// tests read it: its stored snapshot, a target of a type, and responses.
#pragma once

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "daemon/targets/post_text.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/text/post_snapshot.h"
#include "feeds/post_parser.h"
#include "feeds/time_zone.h"
#include "tests/support/test_support.h"

namespace herald::test {

inline const std::string kSeedTitle = "Capacita IMM a su personal sobre violencia extrema";
inline const std::string kSeedUrl =
    "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
inline const std::string kSeedSummary =
    "El diplomado tiene como objetivo establecer un proceso de profesionalización y actualización en "
    "temas relacionados con la aplicación de diagnósticos para determinar la problemática de las "
    "víctimas de violencia familiar y de género, así como derechos humanos de las mujeres";
inline const std::string kSeedImage = "https://noticias.example.mx/uploads/2021/images-unnamed.png";

inline Config chat_config() {
  Config config;
  config.site.url = "https://noticias.example.mx/";
  config.site.language = "es";
  config.content.rules.fields.id = "news_id";
  return config;
}

inline Post seed_post(const Config& config) {
  PostParseResult r = parse_post("000_cd72f1639913488c.txt", read_file(seed_post_path()),
                                 config.content.rules, *TimeZone::load("America/Chihuahua"));
  BOOST_TEST_REQUIRE(r.post.has_value());
  return *r.post;
}

inline SnapshotFields seed_snapshot() {
  Config config = chat_config();
  Result<SnapshotFields> fields = SnapshotFields::read(post_snapshot(seed_post(config), config));
  BOOST_TEST_REQUIRE(fields.ok(), fields.error());
  return *fields;
}

inline TargetConfig chat_target(TargetType type, const std::string& url) {
  TargetConfig target;
  target.name = target_type_name(type);
  target.type = type;
  target.settings = default_settings(type);
  target.url = url;
  return target;
}

inline PostText chat_text(const TargetConfig& target, std::string_view default_template) {
  Result<PostText> text = PostText::make(target, chat_config(), default_template);
  BOOST_TEST_REQUIRE(text.ok(), text.error());
  return std::move(*text);
}

inline HttpResponse response(int status, std::string body,
                             std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace herald::test
