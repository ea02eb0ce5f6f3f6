// Liquid in post bodies: each tag herald renders as Jekyll does, whitespace
// control, and everything else left as text with its exact position (line,
// and column in characters).
#include "feeds/liquid.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

LiquidContext context() {
  LiquidContext c;
  c.site_url = "https://example.org";
  c.baseurl = "/blog";
  c.page = {{"title", "Obras"}, {"autor", "Ana"}};
  c.post_url = [](std::string_view name) -> std::optional<std::string> {
    if (name == "2024-01-10-obras") return std::string("/blog/2024/01/10/obras/");
    return std::nullopt;
  };
  c.link = [](std::string_view path) -> std::optional<std::string> {
    if (path == "about.md") return std::string("/blog/about/");
    return std::nullopt;
  };
  return c;
}

std::vector<std::string> issues_of(const LiquidOutput& out) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : out.issues) {
    lines.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(liquid)

BOOST_AUTO_TEST_CASE(text_without_liquid_is_unchanged) {
  LiquidOutput out = render_liquid("Un { y un } sueltos.\n", context());
  BOOST_TEST(out.text == "Un { y un } sueltos.\n");
  BOOST_TEST(out.issues.empty());
  BOOST_TEST(!has_liquid("a { b } c"));
  BOOST_TEST(has_liquid("a {{ b }}"));
}

BOOST_AUTO_TEST_CASE(variables_links_and_posts) {
  LiquidOutput out = render_liquid(
      "{{ site.url }}{{site.baseurl}} {{ page.title }} de {{- page.autor -}}: [a]({% link about.md %}) "
      "[b]({%- post_url 2024-01-10-obras -%})",
      context());
  BOOST_TEST(out.text == "https://example.org/blog Obras de Ana: [a](/blog/about/) [b](/blog/2024/01/10/obras/)");
  BOOST_TEST(out.issues.empty());
}

BOOST_AUTO_TEST_CASE(raw_keeps_its_text_and_highlight_is_a_fenced_block) {
  LiquidOutput out = render_liquid(
      "{% raw %}{{ no }} {% if %}{% endraw %}\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n", context());
  BOOST_TEST(out.text == "{{ no }} {% if %}\n\n```ruby\nputs 1\n```\n\n");
  BOOST_TEST(out.issues.empty());
}

BOOST_AUTO_TEST_CASE(everything_else_is_left_as_text_and_reported) {
  LiquidOutput out = render_liquid(
      "Hola\n  {% if page.x %}sí{% endif %} {{ page.nada }}\n{% post_url 2020-01-01-no %} {% raw %}abierto\n{{ sin fin",
      context());
  BOOST_TEST(out.text ==
             "Hola\n  {% if page.x %}sí{% endif %} {{ page.nada }}\n{% post_url 2020-01-01-no %} {% raw %}abierto\n{{ sin fin");
  BOOST_TEST(issues_of(out) ==
                 (std::vector<std::string>{
                     "2:3 the Liquid tag 'if' is not one herald renders (raw, highlight, link, post_url); it is left as text",
                     "2:20 the Liquid tag 'endif' is not one herald renders (raw, highlight, link, post_url); it is left as text",
                     "2:32 {{ page.nada }} is not a value herald renders (site.url, site.baseurl, page.title, page.<field>); "
                     "it is left as text",
                     "3:1 {% post_url 2020-01-01-no %} names no post of the site; it is left as text",
                     "3:30 {% raw %} has no {% endraw %}; it is left as text",
                     "4:1 an unclosed Liquid tag; it is left as text"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
