// What Slack's answer to an incoming-webhook POST means. Slack answers in
// plain text:
//
//   200 "ok"                      posted (Slack returns no id or link)
//   400 invalid_payload, ...      dead: the message was refused
//   403 action_prohibited         dead: an admin restricted the webhook
//   404 channel_not_found, no_service  dead: the channel or webhook is gone
//   410 channel_is_archived       dead: the channel is archived
//   429 (Retry-After)             wait; 5xx retry (retry_policy.h)
//
// Dead reasons quote Slack's text: "HTTP 410: Slack refused the message:
// channel_is_archived (the channel is archived: unarchive it or create a
// webhook for another channel)".
#pragma once

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

ChatReply read_slack_response(const HttpResponse& response);

}  // namespace herald
