#include "daemon/targets/chat/discord_response.h"

#include "daemon/targets/retry_hints.h"

namespace herald {
namespace {

// " (Discord: Unknown Webhook)", or "" when the body has no message.
std::string discord_says(const std::string& body) {
  std::string message = json_member(body, {"message"});
  return message.empty() ? "" : " (Discord: " + message + ")";
}

}  // namespace

ChatReply read_discord_response(const HttpResponse& response) {
  ChatReply reply;
  const int status = response.status;
  if (status >= 200 && status < 300) {
    reply.posted = true;
    reply.remote_id = json_member(response.body, {"id"});
    std::string guild = json_member(response.body, {"guild_id"});
    std::string channel = json_member(response.body, {"channel_id"});
    if (!reply.remote_id.empty() && !guild.empty() && !channel.empty()) {
      reply.remote_url = "https://discord.com/channels/" + guild + "/" + channel + "/" + reply.remote_id;
    }
  } else if (status == 404) {
    reply.dead_reason = http_reason(status, "the webhook was deleted" + discord_says(response.body) +
                                                "; not retried: create a new webhook and update url");
  } else if (status == 401 || status == 403) {
    reply.dead_reason = http_reason(status, "Discord refused the webhook's token" +
                                                discord_says(response.body) + ": check url");
  } else if (status == 429) {
    reply.body_wait = body_retry_after(response.body);
  }
  return reply;
}

}  // namespace herald
