#include "daemon/text/hashtags.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(hashtags)

BOOST_AUTO_TEST_CASE(one_tag_rules_table) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"IMM", "#IMM"},                              // one word keeps its case
      {"capacitación", "#capacitación"},            // accents kept
      {"medio ambiente", "#MedioAmbiente"},         // several words CamelCased
      {"educación vial", "#EducaciónVial"},
      {"ñandú ágil", "#ÑandúÁgil"},                 // accented first letters upper-cased
      {"über cool", "#ÜberCool"},
      {"IMM Chihuahua", "#IMMChihuahua"},           // the rest of a word is kept
      {"Mañana 2 de julio", "#Mañana2DeJulio"},
      {"covid-19", "#Covid19"},                     // punctuation separates words
      {"C++", "#C"},                                // symbols dropped
      {"¡Feliz Navidad! 🎄", "#FelizNavidad"},      // emoji dropped
      {"#Local", "#Local"},                         // a written '#' is not doubled
      {"año_nuevo", "#año_nuevo"},                  // '_' kept
      {"e\xCC\x81xito", "#\xC3\xA9xito"},           // NFC: e + U+0301 -> é
      {"2021", ""},                                 // all digits: no network links it
      {"_", ""},
      {"🎉🎉", ""},
      {"  ", ""},
      {"", ""},
  };
  for (const auto& [tag, expected] : table) {
    BOOST_TEST_CONTEXT("tag '" << tag << "'") { BOOST_TEST(hashtag(tag) == expected); }
  }
}

BOOST_AUTO_TEST_CASE(section_first_then_tags_without_duplicates_or_empties) {
  std::vector<std::string> tags = {"IMM", "capacitación", "imm", "local", "2021", "medio ambiente",
                                   "Medio-Ambiente"};
  std::vector<std::string> expected = {"#Local", "#IMM", "#capacitación", "#MedioAmbiente"};
  BOOST_TEST(herald::hashtags("Local", tags) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(duplicates_found_with_icu_case_folding) {
  // Full case folding: ß folds to "ss", Í to í.
  std::vector<std::string> expected = {"#Economía", "#Straße"};
  BOOST_TEST(herald::hashtags("", {"Economía", "ECONOMÍA", "Straße", "STRASSE"}) == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_section_gives_tags_only) {
  std::vector<std::string> expected = {"#IMM"};
  BOOST_TEST(herald::hashtags("", {"IMM"}) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(count_cap_keeps_the_first) {
  HashtagRules rules;
  rules.max_count = 2;
  std::vector<std::string> expected = {"#Local", "#IMM"};
  BOOST_TEST(herald::hashtags("Local", {"2021", "IMM", "capacitación"}, rules) == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bluesky_drops_tags_over_64_graphemes) {
  std::string tag64;
  for (int i = 0; i < 32; ++i) tag64 += "ñe\xCC\x81";  // ñ + e + U+0301: 2 graphemes
  std::string tag65 = tag64 + "a";
  std::vector<std::string> result = herald::hashtags("", {tag65, tag64}, kBlueskyHashtags);
  BOOST_TEST_REQUIRE(result.size() == 1u);
  BOOST_TEST(result[0].size() == 1 + 32 * 4u);  // '#' + 32 x (ñ 2 bytes + é precomposed 2 bytes)
  BOOST_TEST(herald::hashtags("", {tag65}, kMastodonHashtags).size() == 1u);
}

BOOST_AUTO_TEST_CASE(joined_and_facet_values) {
  BOOST_TEST(join_hashtags({"#Local", "#EducaciónVial"}) == "#Local #EducaciónVial");
  BOOST_TEST(join_hashtags({}) == "");
  BOOST_TEST(hashtag_facet_value("#EducaciónVial") == "EducaciónVial");
  BOOST_TEST(hashtag_facet_value("IMM") == "IMM");
}

BOOST_AUTO_TEST_CASE(hashtag_characters) {
  BOOST_TEST(is_hashtag_char(U'ñ'));
  BOOST_TEST(is_hashtag_char(U'\u0301'));  // combining acute
  BOOST_TEST(is_hashtag_char(U'7'));
  BOOST_TEST(is_hashtag_char(U'_'));
  BOOST_TEST(!is_hashtag_char(U'-'));
  BOOST_TEST(!is_hashtag_char(U'¿'));
  BOOST_TEST(!is_hashtag_char(U'🎄'));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
