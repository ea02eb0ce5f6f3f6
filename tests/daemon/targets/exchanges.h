// HTTP exchanges for the drivers' tests: a response as a network answers
// it, a header of a request a driver made.
#pragma once

#include <string>
#include <utility>

#include "daemon/targets/http_exchange.h"
#include "daemon/targets/retry_hints.h"

namespace herald::test {

inline HttpResponse answer(int status, std::string body, HttpHeaders headers = {}) {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

// The first header `name` (as the driver spelled it) of `request`; "" when absent.
inline std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace herald::test
