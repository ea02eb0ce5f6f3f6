#include "tests/support/loopback/telegram_fake.h"

#include <boost/json.hpp>

#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

Reply error(int status, const std::string& description) {
  return json_reply(status, {{"ok", false}, {"error_code", status}, {"description", description}});
}

// Whether `options` is a LinkPreviewOptions object Telegram reads.
bool valid_link_preview(const boost::json::value& options) {
  if (!options.is_object()) return false;
  for (const auto& member : options.get_object()) {
    bool is_url = member.key() == "url";
    bool is_flag = member.key() == "is_disabled" || member.key() == "prefer_small_media" ||
                   member.key() == "prefer_large_media" || member.key() == "show_above_text";
    if (!(is_url && member.value().is_string()) && !(is_flag && member.value().is_bool())) return false;
  }
  const boost::json::value* small = options.get_object().if_contains("prefer_small_media");
  const boost::json::value* large = options.get_object().if_contains("prefer_large_media");
  return !(small && large && small->get_bool() && large->get_bool());
}

}  // namespace

TelegramFake::TelegramFake(Mode mode, int retry_after_seconds) {
  receiver_.set_behavior([mode, retry_after_seconds](const ReceivedRequest& request, int index) {
    const std::string prefix = std::string("/bot") + kToken + "/";
    if (request.target.rfind(prefix, 0) != 0) return error(401, "Unauthorized");
    std::string method = request.target.substr(prefix.size());
    if (method != "sendMessage" && method != "sendPhoto") return error(404, "Not Found");
    if (mode == Mode::kicked) return error(403, "Forbidden: bot was kicked from the channel chat");
    if (mode == Mode::rate_limited_once && index == 0) {
      Reply reply = error(429, "Too Many Requests: retry after " + std::to_string(retry_after_seconds));
      reply.body = boost::json::serialize(boost::json::object{
          {"ok", false},
          {"error_code", 429},
          {"description", "Too Many Requests: retry after " + std::to_string(retry_after_seconds)},
          {"parameters", {{"retry_after", retry_after_seconds}}}});
      return reply;
    }
    if (mode == Mode::photo_refused && method == "sendPhoto") {
      return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
    }
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(request.body, ec);
    if (ec || !body.is_object()) return error(400, "Bad Request: message text is empty");
    const boost::json::value* preview = body.as_object().if_contains("link_preview_options");
    if (preview && !valid_link_preview(*preview)) {
      return error(400, "Bad Request: can't parse link preview options JSON object");
    }
    const boost::json::value* text = body.as_object().if_contains(method == "sendPhoto" ? "caption" : "text");
    if (text && text->is_string() && std::string_view(text->get_string()).find("<p") != std::string_view::npos) {
      return error(400, "Bad Request: can't parse entities: Unsupported start tag \"p\" at byte offset 0");
    }
    return json_reply(200, {{"ok", true},
                      {"result", {{"message_id", 700 + index}, {"chat", {{"id", -100123}, {"username", "noticias"}}}}}});
  });
}

std::string TelegramFake::api_url() const { return receiver_.url(""); }

}  // namespace herald::test
