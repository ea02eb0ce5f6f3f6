// The Discord webhook target (type: discord): one POST of discord_payload.h
// to the webhook URL with ?wait=true, read by discord_response.h. The URL
// embeds the webhook's token: it is redacted everywhere. No idempotency:
// after_timeout chooses "maybe twice" or "maybe never" (chat_driver.h).
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

DriverResult make_discord_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
