#include "daemon/targets/shown_request.h"

namespace herald {

Result<std::vector<ShownRequest>> preview_requests(TargetDriver& driver, const Delivery& delivery,
                                                   std::int64_t now_ms) {
  Result<std::vector<HttpRequest>> steps = driver.preview(delivery, now_ms);
  if (!steps.ok()) return Result<std::vector<ShownRequest>>::failed(delivery.target + ": " + steps.error());
  std::vector<ShownRequest> shown;
  for (const HttpRequest& request : *steps) {
    ShownRequest one{delivery.target, delivery.message_id, request.method, driver.redact(request.url),
                     {}, driver.redact(shown_body(request))};
    for (const auto& [name, value] : request.headers) one.headers.emplace_back(name, driver.redact(value));
    for (const FormPart& part : request.form) one.fields.emplace_back(part.name, driver.redact(shown_part(part)));
    shown.push_back(std::move(one));
  }
  return shown;
}

}  // namespace herald
