// The IndexNow submission of a batch (https://www.indexnow.org/documentation):
//
//   POST <endpoint>                      the target's url
//   Content-Type: application/json; charset=utf-8
//   {"host": "<site.url's host>", "key": "<key>",
//    "keyLocation": "<key_location, or site.url + key + .txt>",
//    "urlList": ["https://...", ...]}     at most `batch` (<= 10,000) URLs
//
// The key is public once its file is published, but herald still keeps it
// out of logs and dry runs (the target's Redactor). Pure.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

HttpRequest indexnow_request(const TargetConfig& target, const Config& config, const std::vector<std::string>& urls);

}  // namespace herald
