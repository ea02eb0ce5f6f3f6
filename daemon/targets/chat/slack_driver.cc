#include "daemon/targets/chat/slack_driver.h"

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/slack_payload.h"
#include "daemon/targets/chat/slack_response.h"

namespace herald {
namespace {

class SlackDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

 protected:
  std::optional<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/,
                                   std::string* error) const override {
    std::optional<std::string> body = slack_body(post, text(), target(), error);
    if (!body) return std::nullopt;
    return json_request("POST", target().url, std::move(*body));
  }

  ChatReply read(const HttpResponse& response) const override { return read_slack_response(response); }
};

}  // namespace

std::unique_ptr<TargetDriver> make_slack_driver(const TargetConfig& target, const Config& config,
                                                TargetStateStore* /*state*/, const DriverInputs& inputs,
                                                std::string* error) {
  std::optional<ChatText> text = ChatText::make(target, config, kSlackLinkTemplate, error);
  if (!text) return nullptr;
  Redactor redactor;
  redactor.add_url(target.url);
  return std::make_unique<SlackDriver>(target, config, std::move(*text), std::move(redactor),
                                       inputs.random,
                                       target.as<SlackSettings>().after_timeout.retry_ambiguous);
}

}  // namespace herald
