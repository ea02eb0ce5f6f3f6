#include "daemon/targets/chat/matrix_driver.h"

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/matrix_payload.h"
#include "daemon/targets/chat/matrix_response.h"

namespace herald {
namespace {

class MatrixDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

 protected:
  Result<HttpRequest> build(const SnapshotFields& post, const Delivery& delivery) const override {
    std::optional<std::string> url = matrix_send_url(target().url, target().as<MatrixSettings>().room_id, delivery.message_id);
    if (!url) return Result<HttpRequest>::failed("target " + target().name + ": the homeserver url does not parse");
    Result<std::string> body = matrix_body(post, text());
    if (!body.ok()) return body.status();
    HttpRequest request = json_request("PUT", std::move(*url), std::move(*body));
    request.headers.emplace_back("authorization", "Bearer " + target().as<MatrixSettings>().token);
    return request;
  }

  ChatReply read(const HttpResponse& response) const override {
    return read_matrix_response(response, target().as<MatrixSettings>().room_id);
  }
};

}  // namespace

DriverResult make_matrix_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* /*state*/, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kMatrixTemplate);
  if (!text.ok()) return text.status();
  constexpr bool kRetryAmbiguous = true;  // the txnId makes a retry safe
  return DriverResult(std::make_unique<MatrixDriver>(target, config, std::move(*text), target_redactor(target),
                                                     inputs.random, kRetryAmbiguous));
}

}  // namespace herald
