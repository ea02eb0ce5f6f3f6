#include "daemon/targets/chat/telegram_response.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "daemon/targets/retry_hints.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

std::string advice(int status, const std::string& description) {
  std::string said = ascii_lower(description);
  if (said.find("can't parse entities") != std::string::npos) {
    return "the template's HTML is not what Telegram accepts (b, i, u, s, a href, code, pre, "
           "blockquote, tg-spoiler)";
  }
  if (said.find("chat not found") != std::string::npos) return "check chat_id";
  if (status == 401) return "the bot token is refused: check token";
  if (status == 403) return "the bot may not post there: add it back to the chat as an admin";
  return "Telegram refused the message";
}

}  // namespace

ChatReply read_telegram_response(const HttpResponse& response) {
  ChatReply reply;
  const int status = response.status;
  if (status >= 200 && status < 300) {
    reply.posted = true;
    reply.remote_id = json_member(response.body, {"result", "message_id"});
    std::string username = json_member(response.body, {"result", "chat", "username"});
    if (!username.empty() && !reply.remote_id.empty()) {
      reply.remote_url = "https://t.me/" + username + "/" + reply.remote_id;
    }
  } else if (status == 429) {
    reply.body_wait = body_retry_after(response.body);
  } else if (status >= 400 && status < 500 && status != 408) {
    std::string description = json_member(response.body, {"description"});
    reply.dead_reason = http_reason(status, advice(status, description) +
                                                (description.empty() ? "" : " (" + description + ")"));
  }
  return reply;
}

bool telegram_photo_refused(const HttpResponse& response) {
  if (response.status != 400) return false;
  std::string said = ascii_lower(json_member(response.body, {"description"}));
  constexpr std::array<std::string_view, 4> kAboutThePhoto = {"photo", "http url", "web page content",
                                                              "file"};
  return std::any_of(kAboutThePhoto.begin(), kAboutThePhoto.end(),
                     [&said](std::string_view word) { return said.find(word) != std::string::npos; });
}

}  // namespace herald
