#include "feeds/liquid.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "feeds/entry_builder.h"

namespace herald {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

std::string_view trim(std::string_view text) {
  std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// One "{% ... %}" or "{{ ... }}" of the body.
struct Markup {
  bool is_tag = false;      // {% %}; else an output {{ }}
  std::size_t begin = 0;    // offset of "{"
  std::size_t end = 0;      // offset just past the closing "}"
  bool trim_before = false; // {%- / {{-
  bool trim_after = false;  // -%} / -}}
  std::string_view name;    // a tag's name, or an output's whole expression
  std::string_view args;    // a tag's arguments, trimmed
};

// The next markup at or after `from`; nullopt when there is none, and
// `*unclosed` set to the offset of a "{%" or "{{" never closed.
std::optional<Markup> next_markup(std::string_view body, std::size_t from, std::size_t* unclosed) {
  for (std::size_t at = body.find('{', from); at != std::string_view::npos && at + 1 < body.size();
       at = body.find('{', at + 1)) {
    char kind = body[at + 1];
    if (kind != '%' && kind != '{') continue;
    std::string_view close = kind == '%' ? "%}" : "}}";
    std::size_t stop = body.find(close, at + 2);
    if (stop == std::string_view::npos) {
      *unclosed = at;
      return std::nullopt;
    }
    Markup m;
    m.is_tag = kind == '%';
    m.begin = at;
    m.end = stop + 2;
    std::string_view inner = body.substr(at + 2, stop - at - 2);
    if (!inner.empty() && inner.front() == '-') {
      m.trim_before = true;
      inner.remove_prefix(1);
    }
    if (!inner.empty() && inner.back() == '-') {
      m.trim_after = true;
      inner.remove_suffix(1);
    }
    inner = trim(inner);
    if (m.is_tag) {
      std::size_t space = inner.find_first_of(kSpace);
      m.name = inner.substr(0, space);
      m.args = space == std::string_view::npos ? std::string_view() : trim(inner.substr(space));
    } else {
      m.name = inner;
    }
    return m;
  }
  return std::nullopt;
}

// The "{% end<name> %}" closing a block opened before `from`.
std::optional<Markup> find_end(std::string_view body, std::size_t from, std::string_view end_name) {
  std::size_t unclosed = 0;
  for (std::size_t at = from; (at = body.find("{%", at)) != std::string_view::npos; at += 2) {
    std::optional<Markup> m = next_markup(body, at, &unclosed);
    if (!m) return std::nullopt;
    if (m->is_tag && m->name == end_name) return m;
  }
  return std::nullopt;
}

// `code` as a Markdown fenced block: a fence longer than any run of
// backticks inside it.
std::string fenced(std::string_view language, std::string_view code) {
  std::size_t longest = 0;
  for (std::size_t at = 0, run = 0; at < code.size(); ++at) {
    run = code[at] == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  while (!code.empty() && (code.front() == '\n' || code.front() == '\r')) code.remove_prefix(1);
  while (!code.empty() && std::string_view(kSpace).find(code.back()) != std::string_view::npos) {
    code.remove_suffix(1);
  }
  return "\n" + fence + std::string(language) + "\n" + std::string(code) + "\n" + fence + "\n";
}

// site.url's origin ("https://example.org") and its path without the
// trailing '/' ("/blog", or "" at the root): Jekyll's site.url and baseurl.
std::pair<std::string, std::string> origin_and_base(const std::string& site_url) {
  std::size_t scheme = site_url.find("://");
  std::size_t slash = site_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return {site_url, ""};
  std::string base = site_url.substr(slash);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {site_url.substr(0, slash), base};
}

// The path of `post` on the site, base path included (Jekyll's
// relative_url of its url).
std::string site_path(const Post& post, const LiquidContext& context) {
  std::string url = post_url(post, context.site_url, context.permalink);
  std::string origin = origin_and_base(context.site_url).first;
  return url.rfind(origin, 0) == 0 ? url.substr(origin.size()) : url;
}

// Ruby's Time#to_s in the site's zone: "2016-07-26 10:00:00 -0600".
std::string ruby_time(const Post& post) {
  Timestamp local{post.date.unix_seconds, post.site_offset_minutes};
  int offset = post.site_offset_minutes;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d %c%02d%02d", local.year(),
                local.month(), local.day(), local.hour(), local.minute(), local.second(),
                offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += item;  // Liquid prints an array's items back to back
  return out;
}

// The value of an output's expression; nullopt when herald does not know
// how to render it (filters, other variables).
std::optional<std::string> evaluate(std::string_view expression, const LiquidContext* context) {
  if (expression.find('|') != std::string_view::npos) return std::nullopt;
  if (expression == "site.url" || expression == "site.baseurl") {
    if (context == nullptr) return std::string();
    auto [origin, base] = origin_and_base(context->site_url);
    return expression == "site.url" ? origin : base;
  }
  if (!expression.starts_with("page.") || expression.find_first_of(" \t[]\"'") != std::string_view::npos) {
    return std::nullopt;
  }
  if (context == nullptr || context->page == nullptr) return std::string();
  const Post& page = *context->page;
  std::string_view name = expression.substr(5);
  if (name == "title") return page.title;
  if (name == "url") {
    std::string path = site_path(page, *context);
    std::string base = origin_and_base(context->site_url).second;
    return path.rfind(base, 0) == 0 ? path.substr(base.size()) : path;
  }
  if (name == "date") return ruby_time(page);
  if (name == "slug") return std::string(page.slug());
  if (name == "author") return page.author;
  if (name == "description" || name == "excerpt") return page.summary;
  if (name == "tags") return joined(page.tags);
  if (name == "categories" || name == "category" || name == "section") return page.section;
  if (name == "image" && page.image) return page.image->url;
  std::optional<std::string_view> field = page.fields.find(name);
  return field ? std::string(*field) : std::string();
}

// The post `{% post_url NAME %}` names: NAME is a Jekyll file name without
// its extension, possibly under a sub-directory of _posts.
const Post* find_post_url(std::string_view name, const LiquidContext& context) {
  for (const char* dir : {"_posts/", ""}) {
    for (const char* ext : {".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html"}) {
      if (const Post* post = context.find(dir + std::string(name) + ext)) return post;
    }
  }
  return nullptr;
}

// Renders (with `context`) or checks (without) `body` in one pass.
void walk(std::string_view body, const LiquidContext* context, std::string* out,
          std::vector<LiquidProblem>* problems) {
  auto problem = [&](std::size_t offset, std::string message) {
    if (problems) problems->push_back({offset, std::move(message)});
  };
  std::size_t pos = 0;
  bool trim_next = false;
  auto text = [&](std::size_t end, bool trim_end) {
    std::string_view piece = body.substr(pos, end - pos);
    if (trim_next) piece.remove_prefix(std::min(piece.size(), piece.find_first_not_of(kSpace)));
    if (trim_end) {
      std::size_t last = piece.find_last_not_of(kSpace);
      piece = last == std::string_view::npos ? std::string_view() : piece.substr(0, last + 1);
    }
    if (out) out->append(piece);
  };
  std::size_t unclosed = std::string_view::npos;
  while (std::optional<Markup> m = next_markup(body, pos, &unclosed)) {
    text(m->begin, m->trim_before);
    trim_next = m->trim_after;
    std::string_view whole = body.substr(m->begin, m->end - m->begin);
    pos = m->end;
    if (!m->is_tag) {
      std::optional<std::string> value = evaluate(m->name, context);
      if (!value) {
        problem(m->begin, "'" + std::string(whole) + "' is left as text: herald renders site.url, " +
                              "site.baseurl and page.* in {{ }}, without filters");
      }
      if (out) out->append(value ? *value : std::string(whole));
      continue;
    }
    if (m->name == "raw" || m->name == "comment" || m->name == "highlight") {
      std::string end_name = "end" + std::string(m->name);
      std::optional<Markup> end = find_end(body, m->end, end_name);
      if (!end) {
        problem(m->begin, "'" + std::string(whole) + "' has no {% " + end_name +
                              " %}: everything after it is left as text; close the block");
        pos = m->begin;
        trim_next = false;
        break;
      }
      std::string_view inside = body.substr(m->end, end->begin - m->end);
      if (out && m->name == "raw") out->append(inside);
      if (out && m->name == "highlight") {
        std::string_view language = m->args.substr(0, m->args.find_first_of(kSpace));
        out->append(fenced(language, inside));
      }
      pos = end->end;
      trim_next = end->trim_after;
      continue;
    }
    if (m->name == "link" || m->name == "post_url") {
      const Post* target = nullptr;
      if (context && context->find) {
        std::string argument(m->args);
        if (m->name == "post_url") {
          target = find_post_url(argument, *context);
        } else if (!(target = context->find(argument)) && argument.starts_with("_posts/")) {
          target = context->find(argument.substr(7));  // content.dir is the site's _posts
        }
      }
      if (m->args.empty()) problem(m->begin, "'" + std::string(whole) + "' names no post; add its file");
      if (out) out->append(target ? site_path(*target, *context) : std::string(whole));
      continue;
    }
    problem(m->begin, "'" + std::string(whole) + "' is left as text: herald renders the Liquid tags " +
                          "raw, comment, highlight, link and post_url (see docs/posts.md)");
    if (out) out->append(whole);
  }
  if (unclosed != std::string_view::npos) {
    problem(unclosed, std::string("'") + std::string(body.substr(unclosed, 2)) +
                          "' is never closed: left as text; close it or write it as {% raw %}" +
                          std::string(body.substr(unclosed, 2)) + "{% endraw %}");
  }
  text(body.size(), false);
}

}  // namespace

bool has_liquid(std::string_view body) {
  return body.find("{%") != std::string_view::npos || body.find("{{") != std::string_view::npos;
}

std::vector<LiquidProblem> check_liquid(std::string_view body) {
  std::vector<LiquidProblem> problems;
  if (has_liquid(body)) walk(body, nullptr, nullptr, &problems);
  return problems;
}

std::string render_liquid(std::string_view body, const LiquidContext& context) {
  if (!has_liquid(body)) return std::string(body);
  std::string out;
  out.reserve(body.size());
  walk(body, &context, &out, nullptr);
  return out;
}

}  // namespace herald
