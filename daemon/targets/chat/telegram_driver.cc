#include "daemon/targets/chat/telegram_driver.h"

#include <spdlog/spdlog.h>

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/telegram_payload.h"
#include "daemon/targets/chat/telegram_response.h"

namespace herald {
namespace {

class TelegramDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  // sendPhoto when it can be made, else sendMessage.
  std::optional<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/,
                                   std::string* error) const override {
    std::string no_photo;
    if (std::optional<std::string> body = telegram_photo_body(post, text(), target(), &no_photo)) {
      return method_request("sendPhoto", std::move(*body), error);
    }
    return message(post, error);
  }

  std::optional<HttpRequest> message(const SnapshotFields& post, std::string* error) const {
    std::optional<std::string> body = telegram_message_body(post, text(), target(), error);
    if (!body) return std::nullopt;
    return method_request("sendMessage", std::move(*body), error);
  }

  ChatReply read(const HttpResponse& response) const override { return read_telegram_response(response); }

  using ChatDriver::outcome;
  using ChatDriver::redactor;
  using ChatDriver::stored_post;

 private:
  std::optional<HttpRequest> method_request(std::string_view method, std::string body,
                                            std::string* error) const {
    std::optional<std::string> url = telegram_method_url(target().url, target().as<TelegramSettings>().token, method);
    if (!url) {
      *error = "target " + target().name + ": the Bot API url does not parse";
      return std::nullopt;
    }
    return json_request("POST", std::move(*url), std::move(body));
  }
};

// sendPhoto, then sendMessage when the photo is refused; or sendMessage.
class TelegramAttempt : public DeliveryAttempt {
 public:
  TelegramAttempt(const TelegramDriver& driver, Delivery delivery)
      : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t /*now_ms*/) override {
    std::string error;
    post_ = driver_.stored_post(delivery_, &error);
    std::optional<HttpRequest> request;
    if (post_) request = driver_.build(*post_, delivery_, &error);
    if (!request) return AttemptStep::done(dead_outcome(driver_.redactor().apply(error)));
    photo_ = request->url.find("/sendPhoto") != std::string::npos;
    return AttemptStep::send(std::move(*request));
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    if (photo_ && telegram_photo_refused(response)) {
      photo_ = false;
      std::string error;
      std::optional<HttpRequest> request = driver_.message(*post_, &error);
      spdlog::warn("post {} -> {}: Telegram refused the photo ({}); sending the text without it",
                   delivery_.post_id, delivery_.target,
                   driver_.redactor().apply(json_member(response.body, {"description"})));
      if (!request) return AttemptStep::done(dead_outcome(driver_.redactor().apply(error)));
      return AttemptStep::send(std::move(*request));
    }
    return AttemptStep::done(driver_.outcome(response, driver_.read(response), delivery_, now_ms));
  }

 private:
  const TelegramDriver& driver_;
  Delivery delivery_;
  std::optional<SnapshotFields> post_;
  bool photo_ = false;
};

std::unique_ptr<DeliveryAttempt> TelegramDriver::attempt(const Delivery& delivery) {
  return std::make_unique<TelegramAttempt>(*this, delivery);
}

}  // namespace

std::unique_ptr<TargetDriver> make_telegram_driver(const TargetConfig& target, const Config& config,
                                                   TargetStateStore* /*state*/, const DriverInputs& inputs,
                                                   std::string* error) {
  std::optional<ChatText> text = ChatText::make(target, config, kTelegramTemplate, error);
  if (!text) return nullptr;
  const TelegramSettings& telegram = target.as<TelegramSettings>();
  Redactor redactor = target_redactor(target);
  if (auto url = telegram_method_url(target.url, telegram.token, "")) redactor.add_url(*url);
  return std::make_unique<TelegramDriver>(target, config, std::move(*text), std::move(redactor),
                                          inputs.random, telegram.after_timeout.retry_ambiguous);
}

}  // namespace herald
