// The Slack incoming-webhook target (type: slack): one POST of
// slack_payload.h to the webhook URL, read by slack_response.h. The URL is
// the secret: redacted everywhere. No idempotency: after_timeout chooses
// "maybe twice" or "maybe never" (chat_driver.h).
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

DriverResult make_slack_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
