#include "feeds/front_matter.h"

#include <boost/test/unit_test.hpp>

#include "feeds/front_matter_yaml.h"
#include "feeds/post_file_name.h"
#include "feeds/source_text.h"

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(front_matter)

BOOST_AUTO_TEST_CASE(splits_yaml_and_body_with_lines) {
  Diagnostic error;
  auto fm = split_front_matter("--- \na: 1\nb: 2\n---\t\n\nbody\n", &error);
  BOOST_TEST_REQUIRE(fm.has_value());
  BOOST_TEST(fm->yaml == "a: 1\nb: 2\n");
  BOOST_TEST(fm->yaml_line == 2);
  BOOST_TEST(fm->body == "\nbody\n");
  BOOST_TEST(fm->body_line == 5);
}

BOOST_AUTO_TEST_CASE(closing_line_at_end_of_file) {
  Diagnostic error;
  auto fm = split_front_matter("---\n---", &error);
  BOOST_TEST_REQUIRE(fm.has_value());
  BOOST_TEST(fm->yaml == "");
  BOOST_TEST(fm->body == "");
  BOOST_TEST(fm->body_line == 3);
}

BOOST_AUTO_TEST_CASE(a_longer_dash_line_is_not_a_delimiter) {
  Diagnostic error;
  BOOST_TEST(!split_front_matter("----\na: 1\n---\n", &error).has_value());
  BOOST_TEST(error.to_string() ==
             ":1:1: error: no front matter; start the file with a line '---', the YAML fields, "
             "and another '---'");
  BOOST_TEST(!split_front_matter("---\na: 1\n----\n", &error).has_value());
  BOOST_TEST(error.message ==
             "front matter opened at line 1 is never closed; end it with a line '---' before "
             "the text");
}

BOOST_AUTO_TEST_CASE(yaml_positions_are_file_lines_and_characters) {
  Diagnostic error;
  auto fm = split_front_matter("---\na: 1\nñá: [x\n---\n", &error);
  BOOST_TEST_REQUIRE(fm.has_value());
  BOOST_TEST(!load_front_matter(*fm, PostRules{}, &error).has_value());
  BOOST_TEST(error.line == 4);
  BOOST_TEST(error.column == 1);
}

BOOST_AUTO_TEST_CASE(null_document_is_an_empty_map) {
  Diagnostic error;
  auto fm = split_front_matter("---\n# only a comment\n---\n", &error);
  BOOST_TEST_REQUIRE(fm.has_value());
  auto root = load_front_matter(*fm, PostRules{}, &error);
  BOOST_TEST_REQUIRE(root.has_value());
  BOOST_TEST(root->root().is_map());
  BOOST_TEST(root->root().items.size() == 0u);
}

BOOST_AUTO_TEST_CASE(depth_limit_is_exact) {
  PostRules rules;
  rules.max_depth = 3;
  Diagnostic error;
  FrontMatter ok{"a: [[[1]]]\n", 2, "", 3};
  BOOST_TEST(load_front_matter(ok, rules, &error).has_value());
  FrontMatter deep{"a: [[[[1]]]]\n", 2, "", 3};
  BOOST_TEST(!load_front_matter(deep, rules, &error).has_value());
  BOOST_TEST(error.to_string() ==
             ":2:7: error: front matter nests deeper than 3 levels; flatten the fields");
  // A quoted bracket neither opens nor closes anything.
  FrontMatter quoted{"a: [\"]\", ']', [[[1]]]]\n", 2, "", 3};
  BOOST_TEST(!load_front_matter(quoted, rules, &error).has_value());
  BOOST_TEST(error.column == 17);
}

BOOST_AUTO_TEST_CASE(node_budget_counts_plain_values_too) {
  PostRules rules;
  rules.max_nodes = 5;  // root, key, list, 1, 2: the sixth value is one too many
  Diagnostic error;
  FrontMatter fm{"a: [1, 2, 3, 4, 5, 6, 7, 8]\n", 2, "", 3};
  BOOST_TEST(!load_front_matter(fm, rules, &error).has_value());
  BOOST_TEST(error.to_string() ==
             ":2:11: error: front matter expands to more than 5 values (repeated aliases?); "
             "write the fields out without '*' aliases or raise content.max_front_matter_nodes");
  rules.max_nodes = 11;
  BOOST_TEST(load_front_matter(fm, rules, &error).has_value());
}

BOOST_AUTO_TEST_CASE(source_positions_and_checks) {
  BOOST_TEST(position_at("ab\ncñd", 6).line == 2);
  BOOST_TEST(position_at("ab\ncñd", 6).column == 3);  // c, ñ before it
  BOOST_TEST(!check_source_bytes("hola", 4).has_value());
  BOOST_TEST(check_source_bytes("hola", 3)->message ==
             "file is 4 bytes, larger than the limit of 3 bytes; raise content.max_bytes or "
             "split the post");
  std::string storage;
  BOOST_TEST(normalise_source("\xEF\xBB\xBF" "a\r\nb\rc\r\n", &storage) == "a\nb\rc\n");
  std::string_view plain = "a\nb";
  BOOST_TEST(normalise_source(plain, &storage).data() == plain.data());
}

BOOST_AUTO_TEST_CASE(file_names) {
  BOOST_TEST(file_stem("a/b/000_cd72.txt") == "000_cd72");
  BOOST_TEST(file_stem("post") == "post");
  BOOST_TEST(file_stem("a.b/post.tar.md") == "post.tar");
  auto name = parse_jekyll_file_name("_posts/2021/2021-08-10-capacita-imm.md");
  BOOST_TEST_REQUIRE(name.has_value());
  BOOST_TEST(name->year == 2021);
  BOOST_TEST(name->month == 8);
  BOOST_TEST(name->day == 10);
  BOOST_TEST(name->slug == "capacita-imm");
  BOOST_TEST(!parse_jekyll_file_name("2021-02-30-x.md").has_value());
  BOOST_TEST(!parse_jekyll_file_name("2021-08-10.md").has_value());
  BOOST_TEST(!parse_jekyll_file_name("000_cd72f1639913488c.txt").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
