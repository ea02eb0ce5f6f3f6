// What the Bot API's answer means ({"ok", "result"} or {"ok": false,
// "error_code", "description", "parameters"}):
//
//   2xx ok          posted: remote_id result.message_id, remote_url
//                   https://t.me/<result.chat.username>/<message_id> when the
//                   chat has a username (public channels), else ""
//   429             wait parameters.retry_after seconds (+ Retry-After)
//   400 "Bad Request: can't parse entities: ..."  dead: the template's HTML
//   400 "Bad Request: chat not found"             dead: check chat_id
//   401 Unauthorized                              dead: the bot token is refused
//   403 "Forbidden: bot was kicked ..."           dead: add the bot back
//   other 4xx dead with Telegram's description; 5xx retry (retry_policy.h)
#pragma once

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

ChatReply read_telegram_response(const HttpResponse& response);

// Whether a sendPhoto answer refuses the photo itself (400 with a
// description about the photo, its URL or its content), so the message is
// worth sending without it.
bool telegram_photo_refused(const HttpResponse& response);

}  // namespace herald
