#include "tests/support/loopback/discord_fake.h"

#include <boost/json.hpp>

#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

constexpr const char* kPath = "/api/webhooks/1001/dIsCoRdToKeN-abcdef0123456789";

}  // namespace

DiscordFake::DiscordFake(Mode mode, double retry_after_seconds) {
  receiver_.set_behavior([mode, retry_after_seconds](const ReceivedRequest& request, int index) {
    std::string path = request.target.substr(0, request.target.find('?'));
    if (mode == Mode::deleted || path != kPath) {
      return json_reply(404, {{"message", "Unknown Webhook"}, {"code", 10015}});
    }
    if (mode == Mode::rate_limited_once && index == 0) {
      Reply reply = json_reply(429, {{"message", "You are being rate limited."},
                               {"retry_after", retry_after_seconds},
                               {"global", false}});
      reply.headers.emplace_back("Retry-After", std::to_string(static_cast<int>(retry_after_seconds + 0.999)));
      return reply;
    }
    if (request.target.find("wait=true") == std::string::npos) return Reply::with_status(204);
    return json_reply(200, {{"id", std::to_string(5000 + index)}, {"channel_id", "22"}, {"guild_id", "33"}});
  });
}

std::string DiscordFake::webhook_url() const { return receiver_.url(kPath); }

}  // namespace herald::test
