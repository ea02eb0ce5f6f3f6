// The Telegram Bot API target (type: telegram). An attempt sends sendPhoto
// (telegram_payload.h) when the target attaches images, the post has one
// and the caption fits in 1024; when Telegram refuses the photo (a 400
// about it: telegram_response.h) the same attempt falls back to
// sendMessage, logged. Otherwise it sends sendMessage.
// The bot token is in the URL path: the Redactor hides it (and the URL) in
// every log line, error and dry run. No idempotency: after_timeout chooses
// "maybe twice" or "maybe never" (chat_driver.h).
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

DriverResult make_telegram_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
