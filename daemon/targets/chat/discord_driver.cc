#include "daemon/targets/chat/discord_driver.h"

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/discord_payload.h"
#include "daemon/targets/chat/discord_response.h"

namespace herald {
namespace {

class DiscordDriver : public ChatDriver {
 public:
  DiscordDriver(const TargetConfig& target, const Config& config, PostText text, Redactor redactor,
                UniformRandom random, bool retry_ambiguous, std::optional<PostText> thread_name)
      : ChatDriver(target, config, std::move(text), std::move(redactor), std::move(random), retry_ambiguous),
        thread_name_(std::move(thread_name)) {}

 protected:
  Result<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/) const override {
    std::optional<std::string> url = discord_execute_url(target().url);
    if (!url) return Result<HttpRequest>::failed("target " + target().name + ": the webhook url does not parse");
    Result<std::string> body =
        discord_body(post, text(), target(), thread_name_ ? discord_thread_name(post, *thread_name_) : "");
    if (!body.ok()) return body.status();
    return json_request("POST", std::move(*url), std::move(*body));
  }

  ChatReply read(const HttpResponse& response) const override {
    return read_discord_response(response);
  }

 private:
  std::optional<PostText> thread_name_;  // a forum channel's thread per post
};

}  // namespace

DriverResult make_discord_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* /*state*/, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kDiscordTemplate);
  if (!text.ok()) return text.status();
  std::optional<PostText> thread_name;
  if (const std::string& name = target.as<DiscordSettings>().thread_name; !name.empty()) {
    Result<PostText> made = PostText::make_from(target, config, "thread_name", name);
    if (!made.ok()) return made.status();
    thread_name = std::move(*made);
  }
  Redactor redactor;
  redactor.add_url(target.url);
  return DriverResult(std::make_unique<DiscordDriver>(
      target, config, std::move(*text), std::move(redactor), inputs.random,
      target.as<DiscordSettings>().after_timeout.retry_ambiguous, std::move(thread_name)));
}

}  // namespace herald
