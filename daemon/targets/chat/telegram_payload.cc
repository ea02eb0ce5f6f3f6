#include "daemon/targets/chat/telegram_payload.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/text/text_length.h"

namespace herald {
namespace {

Result<std::string> html_text(const SnapshotFields& post, const PostText& text,
                              std::size_t max_length) {
  TextLimits limits;
  limits.max_length = max_length;
  limits.count = count_utf16_units;
  return text.fit(post, limits, escape_html);
}

}  // namespace

std::optional<std::string> telegram_method_url(std::string_view api, std::string_view token,
                                               std::string_view method) {
  boost::system::result<boost::urls::url> parsed = boost::urls::parse_absolute_uri(api);
  if (!parsed) return std::nullopt;
  boost::urls::url url = std::move(*parsed);
  auto segments = url.segments();
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // "https://host/"
  segments.push_back("bot" + std::string(token));
  segments.push_back(method);
  return std::string(url.buffer());
}

Result<std::string> telegram_message_body(const SnapshotFields& post, const PostText& text,
                                          const TargetConfig& target) {
  Result<std::string> html = html_text(post, text, kTelegramTextMax);
  if (!html.ok()) return html.status();
  boost::json::object body;
  body["chat_id"] = target.as<TelegramSettings>().chat_id;
  body["text"] = *html;
  body["parse_mode"] = "HTML";
  if (std::optional<boost::json::object> preview =
          telegram_link_preview(post.url, target.as<TelegramSettings>().link_preview)) {
    body["link_preview_options"] = std::move(*preview);
  }
  return boost::json::serialize(body);
}

std::optional<boost::json::object> telegram_link_preview(const std::string& url, const TelegramLinkPreview& preview) {
  if (!preview.shown) return boost::json::object{{"is_disabled", true}};
  if (url.empty()) return std::nullopt;
  boost::json::object options{{"url", url}};
  if (preview.media == "large") options["prefer_large_media"] = true;
  if (preview.media == "small") options["prefer_small_media"] = true;
  if (preview.above_text) options["show_above_text"] = true;
  return options;
}

Result<std::string> telegram_photo_body(const SnapshotFields& post, const PostText& text,
                                        const TargetConfig& target) {
  if (!target.as<TelegramSettings>().text.attach_image || post.image.empty()) {
    return Result<std::string>::failed("no image to send");
  }
  Result<std::string> caption = html_text(post, text, kTelegramCaptionMax);
  if (!caption.ok()) return caption.status();
  boost::json::object body;
  body["chat_id"] = target.as<TelegramSettings>().chat_id;
  body["photo"] = post.image;
  body["caption"] = *caption;
  body["parse_mode"] = "HTML";
  return boost::json::serialize(body);
}

}  // namespace herald
