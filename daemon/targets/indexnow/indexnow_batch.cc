#include "daemon/targets/indexnow/indexnow_batch.h"

#include <algorithm>

#include <boost/json.hpp>

#include "daemon/targets/json_reading.h"

namespace herald {

std::string indexnow_batch_payload(const std::vector<std::string>& urls) {
  boost::json::array array;
  for (const std::string& url : urls) array.emplace_back(url);
  return boost::json::serialize(array);
}

Result<std::vector<std::string>> indexnow_batch_urls(std::string_view payload) {
  std::optional<boost::json::value> parsed = parse_json(payload);
  const char* shape = "an IndexNow batch must be a JSON array of URLs";
  if (!parsed || !parsed->is_array()) return Result<std::vector<std::string>>::failed(shape);
  std::vector<std::string> urls;
  for (const boost::json::value& url : parsed->as_array()) {
    if (!url.is_string()) return Result<std::vector<std::string>>::failed(shape);
    urls.emplace_back(url.as_string());
  }
  return urls;
}

std::vector<std::string> merge_batch_urls(std::vector<std::string> batch, const std::vector<std::string>& more) {
  for (const std::string& url : more) {
    if (std::find(batch.begin(), batch.end(), url) == batch.end()) batch.push_back(url);
  }
  return batch;
}

}  // namespace herald
