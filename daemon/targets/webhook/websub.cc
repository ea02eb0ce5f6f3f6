#include "daemon/targets/webhook/websub.h"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <utility>

#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"
#include "feeds/html_sanitizer.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

class WebSubDriver : public TargetDriver {
 public:
  WebSubDriver(const TargetConfig& target, const Config& config, UniformRandom random)
      : target_(target), policy_(retry_policy_for(target, config.delivery)), random_(std::move(random)) {
    redactor_.add_url(target.url);  // a hub URL may carry a key
  }

  // Pings are recorded by the daemon with the topic as payload; posts are
  // never announced to a hub.
  std::string payload(const Post& post, DeliveryEvent, const Timestamp&) const override {
    return post.id;
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override {
    return std::make_unique<SingleRequestAttempt>(
        [this, topic = delivery.payload](std::int64_t) {
          return Result<HttpRequest>(websub_publish_request(target_.url, topic));
        },
        [this, delivery](const HttpResponse& response, std::int64_t now_ms) {
          RetryDecision decision = decide_retry(response, delivery.attempts, policy_, now_ms, random_, redactor_);
          return to_delivery_outcome(decision, delivery.id, now_ms, response.status);
        });
  }

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t) override {
    return std::vector<HttpRequest>{websub_publish_request(target_.url, delivery.payload)};
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

 private:
  TargetConfig target_;
  RetryPolicy policy_;
  UniformRandom random_;
  Redactor redactor_;
};

}  // namespace

std::vector<TargetConfig> websub_targets(const Config& config) {
  std::vector<TargetConfig> targets;
  for (const std::string& hub : config.feeds.hubs) {
    TargetConfig target;
    std::string name = "websub-" + url_host(hub).value_or("hub");
    for (int n = 2; std::any_of(targets.begin(), targets.end(),
                                [&](const TargetConfig& t) { return t.name == name; });
         ++n) {
      name = "websub-" + url_host(hub).value_or("hub") + "-" + std::to_string(n);
    }
    target.name = std::move(name);
    target.type = TargetType::websub;
    target.settings = WebSubSettings{};
    target.url = hub;
    targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<std::string> websub_topics(const Config& config, const std::vector<std::string>& touched) {
  std::vector<std::string> topics;
  const FeedsConfig& feeds = config.feeds;
  for (const std::string& path : touched) {
    std::string_view name = path;
    if (std::size_t slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (name == feeds.rss_file || name == feeds.atom_file || name == feeds.json_file) {
      topics.push_back(resolve_url(config.site.url, path));
    }
  }
  return topics;
}

HttpRequest websub_publish_request(const std::string& hub, const std::string& topic) {
  HttpRequest request;
  request.method = "POST";
  request.url = hub;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  boost::urls::url form;
  form.params().append({"hub.mode", "publish"});
  form.params().append({"hub.url", topic});
  request.body = std::string(form.encoded_query());
  return request;
}

std::unique_ptr<TargetDriver> make_websub_driver(const TargetConfig& target, const Config& config,
                                                 const DriverInputs& inputs) {
  return std::make_unique<WebSubDriver>(target, config, inputs.random);
}

}  // namespace herald
