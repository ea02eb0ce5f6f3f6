#include "daemon/targets/chat/telegram_payload.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/text/text_length.h"

namespace herald {
namespace {

std::optional<std::string> html_text(const SnapshotFields& post, const ChatText& text,
                                     std::size_t max_length, std::string* error) {
  TextLimits limits;
  limits.max_length = max_length;
  limits.count = count_utf16_units;
  return text.fit(post, limits, escape_html, error);
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

std::optional<std::string> telegram_message_body(const SnapshotFields& post, const ChatText& text,
                                                 const TargetConfig& target, std::string* error) {
  std::optional<std::string> html = html_text(post, text, kTelegramTextMax, error);
  if (!html) return std::nullopt;
  boost::json::object body;
  body["chat_id"] = target.as<TelegramSettings>().chat_id;
  body["text"] = *html;
  body["parse_mode"] = "HTML";
  if (!post.url.empty()) {
    body["link_preview_options"] = {{"url", post.url}, {"prefer_large_media", true}};
  }
  return boost::json::serialize(body);
}

std::optional<std::string> telegram_photo_body(const SnapshotFields& post, const ChatText& text,
                                               const TargetConfig& target, std::string* error) {
  if (!target.as<TelegramSettings>().text.attach_image || post.image.empty()) {
    *error = "no image to send";
    return std::nullopt;
  }
  std::optional<std::string> caption = html_text(post, text, kTelegramCaptionMax, error);
  if (!caption) return std::nullopt;
  boost::json::object body;
  body["chat_id"] = target.as<TelegramSettings>().chat_id;
  body["photo"] = post.image;
  body["caption"] = *caption;
  body["parse_mode"] = "HTML";
  return boost::json::serialize(body);
}

}  // namespace herald
