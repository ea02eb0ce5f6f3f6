#include "feeds/liquid.h"

#include <utility>

namespace herald {
namespace {

// One {% tag %} or {{ output }}: where it starts and ends in the body and
// its inner text, trimmed of whitespace and whitespace-control dashes.
struct Markup {
  std::size_t begin = 0, end = 0;  // [begin, end) in the body
  bool tag = false;                // {% %} rather than {{ }}
  std::string_view inner;
};

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n";
  std::size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::string_view trim_markup(std::string_view inner) {
  inner = trim(inner);
  if (!inner.empty() && inner.front() == '-') inner.remove_prefix(1);
  if (!inner.empty() && inner.back() == '-') inner.remove_suffix(1);
  return trim(inner);
}

// The next markup at or after `from` ({% %} only when `tags_only`); nullopt
// when none. `unclosed` is set to the opening's offset when one has no end.
std::optional<Markup> next_markup(std::string_view body, std::size_t from, std::optional<std::size_t>& unclosed,
                                  bool tags_only = false) {
  for (std::size_t at = body.find('{', from); at != std::string_view::npos && at + 1 < body.size();
       at = body.find('{', at + 1)) {
    char kind = body[at + 1];
    if (kind != '%' && (kind != '{' || tags_only)) continue;
    std::string_view close = kind == '%' ? "%}" : "}}";
    std::size_t end = body.find(close, at + 2);
    if (end == std::string_view::npos) {
      unclosed = at;
      return std::nullopt;
    }
    return Markup{at, end + 2, kind == '%', trim_markup(body.substr(at + 2, end - at - 2))};
  }
  return std::nullopt;
}

// The first word of `inner` and the rest, trimmed.
std::pair<std::string_view, std::string_view> split_word(std::string_view inner) {
  std::size_t space = inner.find_first_of(" \t\r\n");
  if (space == std::string_view::npos) return {inner, {}};
  return {inner.substr(0, space), trim(inner.substr(space))};
}

class Renderer {
 public:
  Renderer(std::string_view body, const LiquidContext& context) : body_(body), context_(context) {}

  LiquidOutput run() {
    std::size_t at = 0;
    while (at < body_.size()) {
      std::optional<std::size_t> unclosed;
      std::optional<Markup> markup = next_markup(body_, at, unclosed);
      if (!markup) {
        if (unclosed) report(*unclosed, "an unclosed Liquid tag; it is left as text");
        out_.text.append(body_.substr(at));
        break;
      }
      out_.text.append(body_.substr(at, markup->begin - at));
      at = markup->tag ? tag(*markup) : output(*markup);
    }
    return std::move(out_);
  }

 private:
  // Renders the tag; returns where the text continues.
  std::size_t tag(const Markup& m) {
    auto [name, args] = split_word(m.inner);
    if (name == "raw") return block(m, "endraw", [this](std::string_view inside) { out_.text.append(inside); });
    if (name == "highlight" && !args.empty()) {
      std::string language(split_word(args).first);
      return block(m, "endhighlight", [this, &language](std::string_view inside) {
        std::string_view code = trim_newlines(inside);
        out_.text += "\n```" + language + "\n";
        out_.text.append(code);
        out_.text += "\n```\n";
      });
    }
    if ((name == "link" || name == "post_url") && !args.empty()) {
      const auto& resolve = name == "link" ? context_.link : context_.post_url;
      std::optional<std::string> url = resolve ? resolve(args) : std::nullopt;
      if (url) {
        out_.text += *url;
      } else {
        report(m.begin, "{% " + std::string(name) + " " + std::string(args) + " %} names no " +
                            (name == "link" ? "file" : "post") + " of the site; it is left as text");
        verbatim(m);
      }
      return m.end;
    }
    report(m.begin, "the Liquid tag '" + std::string(name) +
                        "' is not one herald renders (raw, highlight, link, post_url); it is left as text");
    verbatim(m);
    return m.end;
  }

  std::size_t output(const Markup& m) {
    std::optional<std::string> value = variable(m.inner);
    if (value) {
      out_.text += *value;
    } else {
      report(m.begin, "{{ " + std::string(m.inner) +
                          " }} is not a value herald renders (site.url, site.baseurl, page.title, page.<field>); "
                          "it is left as text");
      verbatim(m);
    }
    return m.end;
  }

  std::optional<std::string> variable(std::string_view name) const {
    if (name == "site.url") return context_.site_url;
    if (name == "site.baseurl") return context_.baseurl;
    if (name.substr(0, 5) == "page.") {
      auto found = context_.page.find(std::string(name.substr(5)));
      if (found != context_.page.end()) return found->second;
    }
    return std::nullopt;
  }

  // The text up to the first {% `end` %} after `open`, handed to `emit`;
  // without one, the opening is reported and left as text.
  template <typename Emit>
  std::size_t block(const Markup& open, std::string_view end, Emit emit) {
    std::size_t at = open.end;
    std::optional<std::size_t> unclosed;
    while (std::optional<Markup> m = next_markup(body_, at, unclosed, true)) {
      if (m->inner == end) {
        emit(body_.substr(open.end, m->begin - open.end));
        return m->end;
      }
      at = m->end;
    }
    report(open.begin, "{% " + std::string(open.inner) + " %} has no {% " + std::string(end) +
                           " %}; it is left as text");
    verbatim(open);
    return open.end;
  }

  static std::string_view trim_newlines(std::string_view text) {
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return text;
  }

  void verbatim(const Markup& m) { out_.text.append(body_.substr(m.begin, m.end - m.begin)); }

  void report(std::size_t offset, std::string message) {
    Diagnostic issue;
    // Lines counted up to the offset: each report scans from the last one.
    for (; counted_ < offset; ++counted_) {
      if (body_[counted_] == '\n') {
        ++line_;
        line_start_ = counted_ + 1;
      }
    }
    issue.line = line_;
    int column = 1;  // in characters: UTF-8 continuation bytes do not count
    for (std::size_t i = line_start_; i < offset; ++i) column += (static_cast<unsigned char>(body_[i]) & 0xC0) != 0x80;
    issue.column = column;
    issue.message = std::move(message);
    issue.warning = true;
    out_.issues.push_back(std::move(issue));
  }

  std::string_view body_;
  const LiquidContext& context_;
  LiquidOutput out_;
  std::size_t counted_ = 0, line_start_ = 0;
  int line_ = 1;
};

}  // namespace

LiquidOutput render_liquid(std::string_view body, const LiquidContext& context) {
  if (!has_liquid(body)) return LiquidOutput{std::string(body), {}};
  return Renderer(body, context).run();
}

bool has_liquid(std::string_view body) {
  return body.find("{%") != std::string_view::npos || body.find("{{") != std::string_view::npos;
}

}  // namespace herald
