// ShownRequest: one request of a delivery as a person sees it (`herald
// resend`, dry run or not): what the driver would send, with the target's
// secrets redacted and the body made readable (shown_body).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/targets/delivery.h"
#include "daemon/targets/target_driver.h"

namespace herald {

struct ShownRequest {
  std::string target;
  std::string message_id;
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // in order
  std::string body;
  // A multipart form's parts by name, in order: text as it is (redacted),
  // files as "<N bytes of TYPE>"; empty for any other body.
  std::vector<std::pair<std::string, std::string>> fields = {};
};

// The requests an attempt of `delivery` would send at `now_ms`
// (TargetDriver::preview), redacted; failed (the message prefixed with the
// target's name) when the driver can make none.
Result<std::vector<ShownRequest>> preview_requests(TargetDriver& driver, const Delivery& delivery,
                                                   std::int64_t now_ms);

}  // namespace herald
