#include "tests/support/loopback/discord_fake.h"

#include <boost/json.hpp>
#include <optional>
#include <string_view>

#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

constexpr const char* kPath = "/api/webhooks/1001/dIsCoRdToKeN-abcdef0123456789";

// The thread_name of the JSON `body`; nullopt when it has none.
std::optional<std::string> thread_name_of(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  const boost::json::value* name = !ec && parsed.is_object() ? parsed.get_object().if_contains("thread_name") : nullptr;
  if (name == nullptr || !name->is_string()) return std::nullopt;
  return std::string(name->get_string());
}

// UTF-16 units of UTF-8 `text`, as Discord counts.
std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  for (unsigned char c : text) units += (c & 0xC0) == 0x80 ? 0 : (c >= 0xF0 ? 2 : 1);
  return units;
}

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
    std::optional<std::string> thread = thread_name_of(request.body);
    if (mode == Mode::forum && !thread) {
      return json_reply(400, {{"message", "Webhooks posted to forum channels must have a thread_name or thread_id"},
                              {"code", 220001}});
    }
    if (mode != Mode::forum && thread) {
      return json_reply(400, {{"message", "Webhooks can only create threads in forum channels"}, {"code", 220003}});
    }
    if (thread && (thread->empty() || utf16_units(*thread) > 100)) {
      return json_reply(400, {{"message", "Invalid Form Body"}, {"code", 50035}});
    }
    if (request.target.find("wait=true") == std::string::npos) return Reply::with_status(204);
    std::string channel = thread ? std::to_string(6000 + index) : "22";
    return json_reply(200, {{"id", std::to_string(5000 + index)}, {"channel_id", channel}, {"guild_id", "33"}});
  });
}

std::string DiscordFake::webhook_url() const { return receiver_.url(kPath); }

}  // namespace herald::test
