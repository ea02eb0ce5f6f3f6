#include "daemon/targets/shown_request.h"

namespace herald {

std::vector<ShownRequest> preview_requests(TargetDriver& driver, const Delivery& delivery,
                                           std::int64_t now_ms, std::string* error) {
  std::string request_error;
  std::vector<HttpRequest> steps = driver.preview(delivery, now_ms, &request_error);
  std::vector<ShownRequest> shown;
  if (steps.empty()) {
    *error = delivery.target + ": " + request_error;
    return shown;
  }
  for (const HttpRequest& request : steps) {
    ShownRequest one{delivery.target, delivery.message_id, request.method, driver.redact(request.url),
                     {}, driver.redact(shown_body(request))};
    for (const auto& [name, value] : request.headers) one.headers.emplace_back(name, driver.redact(value));
    shown.push_back(std::move(one));
  }
  return shown;
}

}  // namespace herald
