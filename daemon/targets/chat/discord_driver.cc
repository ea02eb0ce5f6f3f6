#include "daemon/targets/chat/discord_driver.h"

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/discord_payload.h"
#include "daemon/targets/chat/discord_response.h"

namespace herald {
namespace {

class DiscordDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

 protected:
  std::optional<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/,
                                   std::string* error) const override {
    std::optional<std::string> url = discord_execute_url(target().url);
    if (!url) {
      *error = "target " + target().name + ": the webhook url does not parse";
      return std::nullopt;
    }
    std::optional<std::string> body = discord_body(post, text(), target(), error);
    if (!body) return std::nullopt;
    return json_request("POST", std::move(*url), std::move(*body));
  }

  ChatReply read(const HttpResponse& response) const override {
    return read_discord_response(response);
  }
};

}  // namespace

std::unique_ptr<TargetDriver> make_discord_driver(const TargetConfig& target, const Config& config,
                                                  TargetStateStore* /*state*/, const DriverInputs& inputs,
                                                  std::string* error) {
  std::optional<ChatText> text = ChatText::make(target, config, kDiscordTemplate, error);
  if (!text) return nullptr;
  Redactor redactor;
  redactor.add_url(target.url);
  return std::make_unique<DiscordDriver>(
      target, config, std::move(*text), std::move(redactor), inputs.random,
      target.as<DiscordSettings>().after_timeout.retry_ambiguous);
}

}  // namespace herald
