#include "daemon/targets/webhook/webhook_request.h"

#include <algorithm>
#include <cctype>

#include "config/target_rules.h"
#include "daemon/targets/webhook/webhook_signature.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

// A header herald sets itself (the config loader refuses them; dropped
// here too, so a signature always describes what the receiver sees).
bool is_reserved_header(const std::string& lower_name) {
  const std::vector<std::string>& reserved = reserved_header_names();
  return std::find(reserved.begin(), reserved.end(), lower_name) != reserved.end();
}

}  // namespace

Result<HttpRequest> build_webhook_request(const TargetConfig& target,
                                          const DeliveryConfig& delivery_config,
                                          const Delivery& delivery,
                                          std::int64_t attempt_unix_seconds) {
  const WebhookSettings& webhook = target.as<WebhookSettings>();
  Result<std::string> signature = standard_webhook_signature(
      webhook.secret, delivery.message_id, attempt_unix_seconds, delivery.payload);
  if (!signature.ok()) {
    return Result<HttpRequest>::failed("target \"" + target.name + "\": " + signature.error());
  }
  HttpRequest request;
  request.method = "POST";
  request.url = target.url;
  request.body = delivery.payload;
  request.connect_timeout = target.connect_timeout.count() > 0 ? target.connect_timeout
                                                               : delivery_config.connect_timeout;
  request.timeout = target.timeout.count() > 0 ? target.timeout : delivery_config.timeout;
  request.ca_file = target.ca_file.empty() ? delivery_config.ca_file : target.ca_file;
  auto& headers = request.headers;
  headers.emplace_back("content-type", "application/json");
  headers.emplace_back("webhook-id", delivery.message_id);
  headers.emplace_back("webhook-timestamp", std::to_string(attempt_unix_seconds));
  headers.emplace_back("webhook-signature", std::move(*signature));
  if (webhook.hub_signature) {
    headers.emplace_back("x-hub-signature-256", hub_signature_256(webhook.secret, delivery.payload));
  }
  bool custom_agent = std::any_of(webhook.headers.begin(), webhook.headers.end(),
                                  [](const auto& h) { return ascii_lower(h.first) == "user-agent"; });
  if (!custom_agent) headers.emplace_back("user-agent", std::string("herald/") + HERALD_VERSION);
  for (const auto& [name, value] : webhook.headers) {
    std::string name_lower = ascii_lower(name);
    if (!is_reserved_header(name_lower)) headers.emplace_back(std::move(name_lower), value);
  }
  return request;
}

Redactor webhook_redactor(const TargetConfig& target) {
  Redactor redactor = target_redactor(target);
  const WebhookSettings& webhook = target.as<WebhookSettings>();
  constexpr std::string_view kPrefix = "whsec_";
  if (webhook.secret.rfind(kPrefix, 0) == 0) {
    redactor.add_secret(webhook.secret.substr(kPrefix.size()));
  }
  for (const auto& header : webhook.headers) redactor.add_secret(header.second);
  redactor.add_url(target.url);
  return redactor;
}

std::string redact(const TargetConfig& target, std::string_view text) {
  return webhook_redactor(target).apply(text);
}

}  // namespace herald
