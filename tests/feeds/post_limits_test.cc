// Hostile posts (issue 13): each reproduction in its smallest form, refused
// with the budget it crosses and the key that raises it, or published
// without what is unsafe.
#include <boost/test/unit_test.hpp>

#include <string>

#include "feeds/post_parser.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

const TimeZone& utc() {
  static const TimeZone zone = *TimeZone::load("UTC");
  return zone;
}

std::string post(std::string_view front, std::string_view body) {
  return "---\ntitle: x\ndate: 2021-01-01T00:00:00Z\n" + std::string(front) + "---\n" +
         std::string(body);
}

std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

std::string error_of(const std::string& bytes, const PostRules& rules = PostRules()) {
  PostParseResult r = parse_post("x.md", bytes, rules, utc());
  BOOST_TEST_REQUIRE(r.error.has_value());
  BOOST_TEST(!r.post.has_value());
  return r.error->to_string();
}

BOOST_AUTO_TEST_SUITE(post_limits)

BOOST_AUTO_TEST_CASE(deep_block_quotes_are_refused_before_the_sanitiser_sees_them) {
  std::string bytes = post("", repeat(">", 100000) + " a\n");
  BOOST_TEST(error_of(bytes) ==
             "x.md:5:65: error: Markdown nests deeper than 64 levels (block quotes, lists, "
             "emphasis); simplify the post or raise content.markdown.max_nesting");
}

BOOST_AUTO_TEST_CASE(nesting_up_to_the_budget_is_published) {
  // 63 block quotes and the paragraph in them: 64 levels.
  PostParseResult r = parse_post("x.md", post("", repeat(">", 63) + " a\n"), PostRules(), utc());
  BOOST_TEST(r.post.has_value());
}

BOOST_AUTO_TEST_CASE(deep_raw_html_is_refused_by_its_tag_budget) {
  std::string bytes = post("", "text\n\n" + repeat("<div>", 100000) + "\n");
  BOOST_TEST(error_of(bytes) ==
             "x.md:7:1: error: raw HTML has more than 2000 tags; simplify the post or raise "
             "content.markdown.max_html_tags");
}

BOOST_AUTO_TEST_CASE(a_wide_table_is_refused_by_its_cell_budget) {
  std::string table = "|" + repeat("a|", 600) + "\n|" + repeat("-|", 600) + "\n" + repeat("a\n", 3000);
  BOOST_TEST(error_of(post("", table)) ==
             "x.md:21:1: error: tables have more than 10000 cells; simplify the post or raise "
             "content.markdown.max_table_cells");
}

BOOST_AUTO_TEST_CASE(repeated_link_references_are_refused_by_the_html_budget) {
  std::string body = "[a]: /" + std::string(1000, 'u') + "\n\n" + repeat("[a]", 5000) + "\n";
  BOOST_TEST(error_of(post("", body)) ==
             "x.md:5:1: error: the post's HTML would be more than 1048576 bytes (links "
             "written out many times?); simplify the post or raise content.markdown.max_html_bytes");
}

BOOST_AUTO_TEST_CASE(too_many_tags_are_refused) {
  std::string tags = "tags: \"t0";
  for (int i = 1; i < 2000; ++i) tags += ",t" + std::to_string(i);
  BOOST_TEST(error_of(post(tags + "\"\n", "a\n")) ==
             "x.md:4:7: error: more than 100 tags; keep the ones readers follow or raise "
             "content.max_tags");
}

BOOST_AUTO_TEST_CASE(duplicate_tags_count_once) {
  std::string tags = "tags: [" + repeat("a, b, ", 1000) + "c]\n";
  PostParseResult r = parse_post("x.md", post(tags, "a\n"), PostRules(), utc());
  BOOST_TEST_REQUIRE(r.post.has_value());
  BOOST_TEST(r.post->tags == (std::vector<std::string>{"a", "b", "c"}));
}

BOOST_AUTO_TEST_CASE(a_long_tag_is_refused) {
  std::string tags = "tags: [ok, " + std::string(101, 'x') + "]\n";
  BOOST_TEST(error_of(post(tags, "a\n")) ==
             "x.md:4:7: error: a tag is 101 bytes, longer than 100; shorten it or raise "
             "content.max_tag_bytes");
}

BOOST_AUTO_TEST_CASE(a_javascript_image_is_left_out_with_a_warning) {
  PostParseResult r =
      parse_post("x.md", post("image: \"javascript:alert(1)\"\n", "a\n"), PostRules(), utc());
  BOOST_TEST_REQUIRE(r.post.has_value());
  BOOST_TEST(!r.post->image.has_value());
  BOOST_TEST_REQUIRE(r.warnings.size() == 1u);
  BOOST_TEST(r.warnings[0].to_string() ==
             "x.md:4:8: warning: field 'image' is not an http(s) URL or a path; the post is "
             "published without its image");
}

BOOST_AUTO_TEST_CASE(herald_check_warns_about_an_image_without_alt_text) {
  PostRules rules;
  rules.warn_missing_alt = true;
  PostParseResult r = parse_post("x.md", post("image: /uploads/a.png\n", "a\n"), rules, utc());
  BOOST_TEST_REQUIRE(r.post.has_value());
  BOOST_TEST(r.post->image.has_value());
  BOOST_TEST_REQUIRE(r.warnings.size() == 1u);
  BOOST_TEST(r.warnings[0].to_string() ==
             "x.md:4:8: warning: the image has no alt text (accessibility); announcements describe it "
             "with the post's title; add 'alt'");
  PostParseResult with_alt =
      parse_post("x.md", post("image: /uploads/a.png\nalt: Un puente\n", "a\n"), rules, utc());
  BOOST_TEST(with_alt.warnings.empty());
  PostParseResult build = parse_post("x.md", post("image: /uploads/a.png\n", "a\n"), PostRules(), utc());
  BOOST_TEST(build.warnings.empty());
}

BOOST_AUTO_TEST_CASE(http_and_relative_images_stay) {
  for (const char* url : {"https://a.example/i.png", "/img/i.png", "i.png"}) {
    PostParseResult r = parse_post("x.md", post("image: \"" + std::string(url) + "\"\n", "a\n"),
                                   PostRules(), utc());
    BOOST_TEST_REQUIRE(r.post.has_value());
    BOOST_TEST(r.post->image->url == url);
    BOOST_TEST(r.warnings.empty());
  }
}

BOOST_AUTO_TEST_CASE(many_anchors_and_aliases_are_read_in_linear_time) {
  // 5,000 anchors and 5,000 aliases: a linear anchor search would do 12.5M
  // comparisons; the budget still counts every use.
  std::string front = "a: [";
  for (int i = 0; i < 5000; ++i) front += "&a" + std::to_string(i) + " 1, ";
  front += "]\nb: [";
  for (int i = 0; i < 5000; ++i) front += "*a0, ";
  front += "]\n";
  PostRules rules;
  rules.max_nodes = 20000;
  PostParseResult r = parse_post("x.md", post(front, "a\n"), rules, utc());
  BOOST_TEST(r.post.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
