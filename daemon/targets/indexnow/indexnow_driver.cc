#include "daemon/targets/indexnow/indexnow_driver.h"

#include <utility>

#include "config/indexnow_key.h"
#include "daemon/targets/indexnow/indexnow_batch.h"
#include "daemon/targets/indexnow/indexnow_request.h"
#include "daemon/targets/indexnow/indexnow_response.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"
#include "feeds/entry_builder.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

IndexNowKeyPlace key_place(const TargetConfig& target, const Config& config) {
  const IndexNowSettings& settings = target.as<IndexNowSettings>();
  IndexNowKeyPlace place;
  place.location = indexnow_key_location(config, settings);
  place.host = url_host(config.site.url).value_or("");
  for (const OutputFile& file : indexnow_key_files(config)) {
    if (file.bytes == settings.key) place.output_file = config.output.dir + "/" + file.path;
  }
  return place;
}

class IndexNowDriver : public TargetDriver {
 public:
  IndexNowDriver(const TargetConfig& target, const Config& config, UniformRandom random)
      : target_(target),
        config_(config),
        key_(key_place(target, config)),
        policy_(retry_policy_for(target, config.delivery)),
        redactor_(target_redactor(target)),
        random_(std::move(random)) {}

  std::string payload(const Post& post, DeliveryEvent, const Timestamp&) const override {
    return indexnow_batch_payload({post_url(post, config_.site.url, config_.content.rules.permalink)});
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override {
    return std::make_unique<SingleRequestAttempt>(
        [this, delivery](std::int64_t) { return request(delivery); },
        [this, delivery](const HttpResponse& response, std::int64_t now_ms) {
          return indexnow_outcome(response, delivery, key_, policy_, now_ms, random_, redactor_);
        });
  }

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t) override {
    Result<HttpRequest> built = request(delivery);
    if (!built.ok()) return built.status();
    return std::vector<HttpRequest>{std::move(*built)};
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

 private:
  Result<HttpRequest> request(const Delivery& delivery) const {
    Result<std::vector<std::string>> urls = indexnow_batch_urls(delivery.payload);
    if (!urls.ok()) return urls.status();
    return indexnow_request(target_, config_, *urls);
  }

  TargetConfig target_;
  Config config_;
  IndexNowKeyPlace key_;
  RetryPolicy policy_;
  Redactor redactor_;
  UniformRandom random_;
};

}  // namespace

DriverResult make_indexnow_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs) {
  return DriverResult(std::make_unique<IndexNowDriver>(target, config, inputs.random));
}

}  // namespace herald
