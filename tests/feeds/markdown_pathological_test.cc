// The inputs known to make cmark-gfm (0.29.0.gfm.6, Debian 12) slow or
// explosive: cmark's test/pathological_tests.py, the patterns of the 2023
// advisories fixed after gfm.6 (CVE-2023-22486 `![[]()`, CVE-2023-22484
// `<!--`), and the amplifiers (wide tables, repeated link references). Each
// is parsed as a post at about 10 KB and 100 KB. The work is bounded without
// timing anything: a post is either refused with a budget error
// (content.markdown.*) or published, and then its rendered, sanitised HTML
// is at most a fixed multiple of its size. The time each takes is for
// tests/bench/markdown_bench.sh.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>
#include <vector>

#include "feeds/html_sanitizer.h"
#include "feeds/markdown.h"
#include "feeds/post_parser.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

struct Pattern {
  const char* name;
  std::function<std::string(std::size_t)> make;  // about `bytes` of Markdown
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> all = {
      {"nested strong emph", [](std::size_t n) { return repeat("*a **a ", n / 14) + "b" + repeat(" a** a*", n / 14); }},
      {"many emph closers", [](std::size_t n) { return repeat("a_ ", n / 3); }},
      {"many emph openers", [](std::size_t n) { return repeat("_a ", n / 3); }},
      {"many link closers", [](std::size_t n) { return repeat("a]", n / 2); }},
      {"many link openers", [](std::size_t n) { return repeat("[a", n / 2); }},
      {"mismatched openers and closers", [](std::size_t n) { return repeat("*a_ ", n / 4); }},
      {"openers and closers multiple of 3", [](std::size_t n) { return "a**b" + repeat("c* ", n / 3); }},
      {"link openers and emph closers", [](std::size_t n) { return repeat("[ a_", n / 4); }},
      {"pattern [ (]( repeated", [](std::size_t n) { return repeat("[ (](", n / 5); }},
      {"pattern ![[]() repeated (CVE-2023-22486)", [](std::size_t n) { return repeat("![[]()", n / 6); }},
      {"nested brackets", [](std::size_t n) { return repeat("[", n / 2) + "a" + repeat("]", n / 2); }},
      {"nested block quotes", [](std::size_t n) { return repeat("> ", n / 2) + "a"; }},
      {"deeply nested lists", [](std::size_t n) {
         std::string out;
         for (std::size_t i = 0; out.size() < n; ++i) out += std::string(2 * i, ' ') + "* a\n";
         return out;
       }},
      {"backticks", [](std::size_t n) {
         std::string out;
         for (std::size_t i = 1; out.size() < n; ++i) out += "e" + std::string(i, '`');
         return out;
       }},
      {"unclosed links A", [](std::size_t n) { return repeat("[a](<b", n / 6); }},
      {"unclosed links B", [](std::size_t n) { return repeat("[a](b", n / 5); }},
      {"unclosed <!-- (CVE-2023-22484)", [](std::size_t n) { return "</" + repeat("<!--", n / 4); }},
      {"tables", [](std::size_t n) { return repeat("aaa\rbbb\n-\v\n", n / 11); }},
      {"wide table over short rows", [](std::size_t n) {
         return "|" + repeat("a|", 200) + "\n|" + repeat("-|", 200) + "\n" + repeat("a\n", n / 2);
       }},
      {"repeated link references", [](std::size_t n) {
         return "[a]: /" + std::string(1000, 'u') + "\n\n" + repeat("[a]", n / 3);
       }},
      {"email autolinks", [](std::size_t n) { return repeat("a@", n / 2); }},
      {"raw html nesting", [](std::size_t n) { return repeat("<div>", n / 5); }},
  };
  return all;
}

BOOST_AUTO_TEST_SUITE(markdown_pathological)

BOOST_AUTO_TEST_CASE(every_pattern_is_refused_by_a_budget_or_renders_in_proportion) {
  static const TimeZone zone = *TimeZone::load("UTC");
  for (const Pattern& pattern : patterns()) {
    for (std::size_t bytes : {10'000u, 100'000u}) {
      std::string body = pattern.make(bytes);
      std::string file = "---\ntitle: x\ndate: 2021-01-01T00:00:00Z\n---\n" + body + "\n";
      PostParseResult r = parse_post("p.md", file, PostRules(), zone);
      BOOST_TEST_CONTEXT(pattern.name << " at " << bytes << " bytes") {
        if (r.error) {
          BOOST_TEST(r.error->message.find("content.markdown.") != std::string::npos,
                     r.error->to_string());
          continue;
        }
        std::string html = sanitize_html(markdown_to_html(r.post->body), "https://e.org/p/");
        BOOST_TEST(html.size() <= 16 * body.size() + 1024, html.size() << " bytes of HTML");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_quadratic_and_amplifying_patterns_are_refused_at_100_kb) {
  static const TimeZone zone = *TimeZone::load("UTC");
  for (const char* name : {"pattern ![[]() repeated (CVE-2023-22486)", "nested block quotes",
                           "deeply nested lists", "wide table over short rows",
                           "repeated link references", "raw html nesting"}) {
    for (const Pattern& pattern : patterns()) {
      if (std::string_view(pattern.name) != name) continue;
      std::string file = "---\ntitle: x\ndate: 2021-01-01T00:00:00Z\n---\n" + pattern.make(100'000);
      BOOST_TEST(parse_post("p.md", file, PostRules(), zone).error.has_value(), name);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
