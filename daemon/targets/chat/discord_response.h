// What Discord's answer to an executed webhook (with ?wait=true) means:
//
//   2xx  the message: {"id", "channel_id", "guild_id"?}: posted; remote_id
//        the id, remote_url https://discord.com/channels/<guild>/<channel>/<id>
//        when the answer names the guild, else ""
//   404  {"message": "Unknown Webhook", "code": 10015}: the webhook was
//        deleted; dead, never retried (Discord bans IPs that keep sending
//        invalid requests)
//   401, 403  the webhook token is refused: dead
//   429  {"retry_after": 64.57, "global": false} (+ Retry-After): wait
//   others: retry_policy.h (400 dead with Discord's message, 5xx retry)
#pragma once

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

ChatReply read_discord_response(const HttpResponse& response);

}  // namespace herald
