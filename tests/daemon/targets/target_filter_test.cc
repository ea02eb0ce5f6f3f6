#include "daemon/targets/target_filter.h"

#include <boost/test/unit_test.hpp>

namespace herald {

namespace {

Post post(const std::string& section, const std::vector<std::string>& tags = {}) {
  Post p;
  p.id = "1";
  p.title = "Título";
  p.section = section;
  p.tags = tags;
  return p;
}

TargetConfig target() {
  TargetConfig t;
  t.name = "hook";
  t.type = TargetType::webhook;
  return t;
}

Post flagged(const std::string& value) {
  Post p = post("Noticias");
  p.fields.set("destacado", value);
  return p;
}

TargetConfig flag_target() {
  TargetConfig t = target();
  t.flag = "destacado";
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(target_filter)

BOOST_AUTO_TEST_CASE(no_filters_match_everything) {
  BOOST_TEST(target_wants(target(), post("Noticias", {"agua"})));
  BOOST_TEST(target_wants(target(), post("")));
  BOOST_TEST(target_wants(target(), Post{}));
}

BOOST_AUTO_TEST_CASE(section_compared_by_slug) {
  TargetConfig t = target();
  t.sections = {"obras-publicas", "cultura"};
  BOOST_TEST(target_wants(t, post("Obras Públicas")));
  BOOST_TEST(target_wants(t, post("obras-publicas")));
  BOOST_TEST(target_wants(t, post("CULTURA")));
  BOOST_TEST(!target_wants(t, post("Deportes")));
  BOOST_TEST(!target_wants(t, post("Obras")));
}

BOOST_AUTO_TEST_CASE(post_without_section_fails_a_section_filter) {
  TargetConfig t = target();
  t.sections = {"obras-publicas"};
  BOOST_TEST(!target_wants(t, post("", {"obras-publicas"})));
}

BOOST_AUTO_TEST_CASE(tags_compared_by_slug_any_one_matches) {
  TargetConfig t = target();
  t.tags = {"medio-ambiente", "agua-potable"};
  BOOST_TEST(target_wants(t, post("Noticias", {"Deportes", "Agua Potable"})));
  BOOST_TEST(target_wants(t, post("Noticias", {"Medio Ambiente"})));
  BOOST_TEST(!target_wants(t, post("Noticias", {"Deportes", "Agua"})));
  BOOST_TEST(!target_wants(t, post("Noticias")));
}

BOOST_AUTO_TEST_CASE(flag_truthy_values_any_case_trimmed) {
  for (const std::string value : {"true", "yes", "on", "1", "TRUE", "Yes", "oN", "  true  ", "\tyes\n", " 1"}) {
    BOOST_TEST(target_wants(flag_target(), flagged(value)), "value '" << value << "'");
  }
}

BOOST_AUTO_TEST_CASE(flag_falsy_or_absent_fails) {
  for (const std::string value : {"false", "no", "off", "0", "", "  ", "2", "truee", "y", "t rue"}) {
    BOOST_TEST(!target_wants(flag_target(), flagged(value)), "value '" << value << "'");
  }
  BOOST_TEST(!target_wants(flag_target(), post("Noticias")));
  Post other = post("Noticias");
  other.fields.set("portada", "true");  // another field does not count
  BOOST_TEST(!target_wants(flag_target(), other));
}

BOOST_AUTO_TEST_CASE(every_filter_must_match) {
  TargetConfig t = flag_target();
  t.sections = {"obras-publicas"};
  t.tags = {"agua"};
  Post all = post("Obras Públicas", {"Agua"});
  all.fields.set("destacado", "yes");
  BOOST_TEST(target_wants(t, all));

  Post wrong_section = all;
  wrong_section.section = "Cultura";
  BOOST_TEST(!target_wants(t, wrong_section));

  Post wrong_tags = all;
  wrong_tags.tags = {"Luz"};
  BOOST_TEST(!target_wants(t, wrong_tags));

  Post no_flag = all;
  no_flag.fields.set("destacado", "no");
  BOOST_TEST(!target_wants(t, no_flag));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
