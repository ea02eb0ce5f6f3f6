#include "daemon/targets/indexnow/indexnow_request.h"

#include <boost/json.hpp>

#include "config/indexnow_key.h"
#include "feeds/string_util.h"

namespace herald {

HttpRequest indexnow_request(const TargetConfig& target, const Config& config, const std::vector<std::string>& urls) {
  const IndexNowSettings& settings = target.as<IndexNowSettings>();
  boost::json::array list;
  for (const std::string& url : urls) list.emplace_back(url);
  boost::json::object body;
  body["host"] = url_host(config.site.url).value_or("");
  body["key"] = settings.key;
  body["keyLocation"] = indexnow_key_location(config, settings);
  body["urlList"] = std::move(list);
  HttpRequest request;
  request.method = "POST";
  request.url = target.url;
  request.headers.emplace_back("content-type", "application/json; charset=utf-8");
  request.body = boost::json::serialize(body);
  return request;
}

}  // namespace herald
