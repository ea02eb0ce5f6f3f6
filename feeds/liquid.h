// Liquid in post bodies, the common tags of Jekyll sites, rendered as Jekyll
// does before the Markdown (content.liquid, on by default):
//   {% raw %}...{% endraw %}          the text inside, as it is
//   {% comment %}...{% endcomment %}  nothing
//   {% highlight LANG [linenos] %}...{% endhighlight %}
//                                     a fenced code block of LANG (cmark's
//                                     <pre><code class="language-LANG">;
//                                     Jekyll adds Rouge's colouring spans)
//   {% link PATH %}                   the site path of the post in file PATH
//   {% post_url NAME %}               the site path of the post whose Jekyll
//                                     file name (no extension) is NAME
//   {{ site.url }} {{ site.baseurl }} site.url's origin and path
//   {{ page.title }} and other page.* the post's own values; a name the post
//                                     has not renders as nothing, as in Jekyll
// Whitespace control ({%- -%}, {{- -}}) trims as Liquid does. Anything else
// ({% include %}, filters, other tags and variables) is left as text and
// reported by check_liquid with its offset, for `herald check`.
//
// Pure, one pass over the text: cost linear in the body's size.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/post.h"

namespace herald {

// Whether `body` holds anything Liquid would look at ("{%" or "{{").
bool has_liquid(std::string_view body);

struct LiquidProblem {
  std::size_t offset = 0;  // in the body
  std::string message;     // "what; what to do"
};

// What render_liquid would leave as text, and blocks never closed.
std::vector<LiquidProblem> check_liquid(std::string_view body);

struct LiquidContext {
  std::string site_url;   // SiteConfig::url: absolute, ends with '/'
  std::string permalink;  // PostRules::permalink
  const Post* page = nullptr;
  // The post a file of the content directory holds ('/' separated,
  // relative to content.dir), or nullptr.
  std::function<const Post*(const std::string& path)> find;
};

// `body` with its Liquid rendered; what it cannot render stays as written.
std::string render_liquid(std::string_view body, const LiquidContext& context);

}  // namespace herald
