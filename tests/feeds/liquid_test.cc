// Liquid in post bodies: the tags Jekyll sites use, rendered as Jekyll
// renders them; the others left as text and reported with their offset.
#include <boost/test/unit_test.hpp>

#include <map>

#include "feeds/liquid.h"

namespace herald {
namespace {

Post page() {
  Post p;
  p.id = "186509";
  p.source_path = "_posts/2021-08-10-capacita.md";
  p.title = "Capacita IMM";
  p.set_slug("capacita");
  p.date = Timestamp{1628633820, -360};  // 2021-08-10T16:17:00-06:00
  p.site_offset_minutes = -360;
  p.section = "Local";
  p.tags = {"IMM", "Mujeres"};
  p.fields = {{"layout", "post"}};
  return p;
}

struct Site {
  std::map<std::string, Post> posts;
  LiquidContext context(const Post& p) {
    return {"https://example.org/blog/", "/:year/:month/:day/:slug/", &p,
            [this](const std::string& path) -> const Post* {
              auto it = posts.find(path);
              return it == posts.end() ? nullptr : &it->second;
            }};
  }
};

std::vector<std::string> messages(std::string_view body) {
  std::vector<std::string> out;
  for (const LiquidProblem& p : check_liquid(body)) out.push_back(std::to_string(p.offset) + ": " + p.message);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(liquid)

BOOST_AUTO_TEST_CASE(text_without_liquid_is_untouched) {
  Site site;
  Post p = page();
  BOOST_TEST(!has_liquid("Precio: {5} y 50% } {"));
  BOOST_TEST(render_liquid("Precio: {5} y 50% } {", site.context(p)) == "Precio: {5} y 50% } {");
  BOOST_TEST(check_liquid("Nada { aquí }").empty());
}

BOOST_AUTO_TEST_CASE(site_and_page_variables) {
  Site site;
  Post p = page();
  LiquidContext c = site.context(p);
  BOOST_TEST(render_liquid("{{ site.url }}|{{site.baseurl}}|{{ page.title }}", c) ==
             "https://example.org|/blog|Capacita IMM");
  BOOST_TEST(render_liquid("{{ page.url }}", c) == "/2021/08/10/capacita/");
  BOOST_TEST(render_liquid("{{ page.date }}", c) == "2021-08-10 16:17:00 -0600");
  BOOST_TEST(render_liquid("{{ page.layout }}-{{ page.tags }}-{{ page.categories }}", c) ==
             "post-IMMMujeres-Local");
  BOOST_TEST(render_liquid("[{{ page.missing }}]", c) == "[]");  // as Jekyll: nothing
  // What herald does not render stays as written.
  BOOST_TEST(render_liquid("{{ '/a.png' | relative_url }} {{ site.data.menu }}", c) ==
             "{{ '/a.png' | relative_url }} {{ site.data.menu }}");
}

BOOST_AUTO_TEST_CASE(raw_comment_and_whitespace_control) {
  Site site;
  Post p = page();
  LiquidContext c = site.context(p);
  BOOST_TEST(render_liquid("a {% raw %}{{ page.title }} {% x %}{% endraw %} b", c) ==
             "a {{ page.title }} {% x %} b");
  BOOST_TEST(render_liquid("a{% comment %} secret {{ x }} {% endcomment %}b", c) == "ab");
  BOOST_TEST(render_liquid("a  \n  {%- comment -%} x {%- endcomment -%}  \n b", c) == "ab");
  BOOST_TEST(render_liquid("[ {{- page.title -}} ]", c) == "[Capacita IMM]");
}

BOOST_AUTO_TEST_CASE(highlight_becomes_a_fenced_block) {
  Site site;
  Post p = page();
  std::string out = render_liquid("Code:\n{% highlight ruby linenos %}\ndef x\n  `ls`\nend\n{% endhighlight %}\nAfter",
                                  site.context(p));
  BOOST_TEST(out == "Code:\n\n```ruby\ndef x\n  `ls`\nend\n```\n\nAfter");
  // A fence longer than any run of backticks inside.
  BOOST_TEST(render_liquid("{% highlight sh %}a ```` b{% endhighlight %}", site.context(p)) ==
             "\n`````sh\na ```` b\n`````\n");
}

BOOST_AUTO_TEST_CASE(link_and_post_url_find_other_posts) {
  Site site;
  Post other = page();
  other.source_path = "_posts/2020-01-02-other.markdown";
  other.set_slug("otra");
  other.date = Timestamp{1577980800, 0};  // 2020-01-02T16:00Z, 10:00 in the site's zone
  site.posts[other.source_path] = other;
  Post p = page();
  LiquidContext c = site.context(p);
  BOOST_TEST(render_liquid("[a]({% link _posts/2020-01-02-other.markdown %})", c) ==
             "[a](/2020/01/02/otra/)");
  BOOST_TEST(render_liquid("[a]({% post_url 2020-01-02-other %})", c) == "[a](/2020/01/02/otra/)");
  // A post that is not there: the tag stays (Jekyll stops the build).
  BOOST_TEST(render_liquid("{% post_url 1999-01-01-none %}", c) == "{% post_url 1999-01-01-none %}");
}

BOOST_AUTO_TEST_CASE(what_is_left_as_text_is_reported_where_it_is) {
  BOOST_TEST(messages("ok {% raw %}{% include x.html %}{% endraw %}").empty());
  BOOST_TEST(messages("a {% include footer.html %} b") ==
                 (std::vector<std::string>{"2: '{% include footer.html %}' is left as text: herald renders the "
                                           "Liquid tags raw, comment, highlight, link and post_url (see "
                                           "docs/posts.md)"}),
             boost::test_tools::per_element());
  BOOST_TEST(messages("{{ x | upcase }}") ==
                 (std::vector<std::string>{"0: '{{ x | upcase }}' is left as text: herald renders site.url, "
                                           "site.baseurl and page.* in {{ }}, without filters"}),
             boost::test_tools::per_element());
  BOOST_TEST(messages("x {% raw %} never closed") ==
                 (std::vector<std::string>{"2: '{% raw %}' has no {% endraw %}: everything after it is left "
                                           "as text; close the block"}),
             boost::test_tools::per_element());
  BOOST_TEST(messages("precio {{ 5") ==
                 (std::vector<std::string>{"7: '{{' is never closed: left as text; close it or write it as "
                                           "{% raw %}{{{% endraw %}"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cost_is_linear_in_the_body) {
  // Many unclosed-looking openers: one pass, no quadratic rescans.
  std::string body;
  for (int i = 0; i < 200000; ++i) body += "{% x %}";
  BOOST_TEST(check_liquid(body).size() == 200000u);
  std::string openers(400000, '{');
  BOOST_TEST(check_liquid(openers).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
