#include "daemon/targets/post_text.h"

#include <utility>

#include "daemon/text/hashtags.h"

namespace herald {

Result<PostText> PostText::make(const TargetConfig& target, const Config& config,
                                std::string_view default_template) {
  Result<TextTemplate> tmpl = target_template(target, default_template);
  if (!tmpl.ok()) return tmpl.status();
  const SocialText& social = *target.text();
  std::string language = social.language.empty() ? config.site.language : social.language;
  return PostText(std::move(*tmpl), std::move(language), social.max_hashtags);
}

Result<PostText> PostText::make_from(const TargetConfig& target, const Config& config, std::string_view key,
                                     std::string_view text) {
  TemplateError problem;
  std::optional<TextTemplate> tmpl = TextTemplate::compile(text, &problem);
  if (!tmpl) {
    return Result<PostText>::failed("target " + target.name + ": " + std::string(key) + ": " + problem.to_string());
  }
  const SocialText& social = *target.text();
  std::string language = social.language.empty() ? config.site.language : social.language;
  return PostText(std::move(*tmpl), std::move(language), social.max_hashtags);
}

TemplateInput PostText::input(const SnapshotFields& post) const {
  std::vector<std::string> tags;
  if (max_hashtags_ > 0) {
    HashtagRules rules;
    rules.max_count = static_cast<std::size_t>(max_hashtags_);
    tags = hashtags(post.section, post.tags, rules);
  }
  return template_input(post, std::move(tags), language_);
}

Result<std::string> PostText::fit(const SnapshotFields& post, const TextLimits& limits,
                                  const TextEscaper& escape) const {
  if (!post.text.empty()) return editor_text_within(escape(post.text), limits);
  Result<FittedText> fitted = fit_text(template_, input(post), limits, escape);
  if (!fitted.ok()) return fitted.status();
  return std::move(fitted->text);
}

Result<std::string> editor_text_within(std::string text, const TextLimits& limits) {
  std::size_t length = limits.count(text);
  if (limits.max_length > 0 && length > limits.max_length) {
    return Result<std::string>::failed("the editor's text is " + std::to_string(length) +
                                       " long as the network counts it, over its limit of " +
                                       std::to_string(limits.max_length));
  }
  if (limits.max_bytes > 0 && text.size() > limits.max_bytes) {
    return Result<std::string>::failed("the editor's text is " + std::to_string(text.size()) +
                                       " bytes, over the network's limit of " +
                                       std::to_string(limits.max_bytes) + " bytes");
  }
  return text;
}

std::string shorten_value(std::string_view value, std::size_t max_length, const TextCounter& count) {
  static const TextTemplate kValue = [] {
    TemplateError unused;
    return *TextTemplate::compile("{title}", &unused);
  }();
  TemplateInput input;
  input.title = std::string(value);
  TextLimits limits;
  limits.max_length = max_length;
  limits.count = count;
  Result<FittedText> fitted = fit_text(kValue, input, limits, escape_none);
  return fitted.ok() ? std::move(fitted->text) : std::string();
}

}  // namespace herald
