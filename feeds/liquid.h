// Liquid in a post's body, rendered as Jekyll renders its common tags
// before the Markdown (issue 17, "Any Jekyll site"). Pure, one pass over
// the body: linear in its size, no recursion, no loops of the template's.
//
//   {% raw %}...{% endraw %}          the text between, verbatim
//   {% highlight x %}...{% endhighlight %}
//                                     a fenced code block of language x, which
//                                     the Markdown renders <pre><code class="language-x">
//   {% link path %}                   the URL path of the site's file `path`
//   {% post_url name %}               the URL path of the post whose Jekyll file
//                                     name (without .md) is `name`
//   {{ site.url }}, {{ site.baseurl }}, {{ page.title }}, {{ page.<field> }}
//
// Whitespace control ({%- -%}, {{- -}}) is accepted. Anything else (another
// tag, a filter, an unknown variable, an unclosed tag, a link or post that
// does not exist) is left as text and reported with its line and column
// (1-based, in the body) for `herald check`.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/diagnostic.h"

namespace herald {

struct LiquidContext {
  std::string site_url;  // {{ site.url }}, as configured (Jekyll prints it without change)
  std::string baseurl;   // {{ site.baseurl }}: the path of site.url, "" at the root
  std::map<std::string, std::string> page;  // {{ page.KEY }}: title and the front matter's fields
  // The URL path of the post named `name` (a Jekyll file name without its
  // extension, "2024-01-10-obras"); nullopt when there is none.
  std::function<std::optional<std::string>(std::string_view name)> post_url;
  // The URL path of the site's file `path`; nullopt when there is none.
  std::function<std::optional<std::string>(std::string_view path)> link;
};

struct LiquidOutput {
  std::string text;                 // the body with the tags rendered
  std::vector<Diagnostic> issues;   // warnings: path empty, line and column in the body
};

LiquidOutput render_liquid(std::string_view body, const LiquidContext& context);

// Whether `body` holds anything render_liquid would change or report ("{%" or "{{").
bool has_liquid(std::string_view body);

}  // namespace herald
