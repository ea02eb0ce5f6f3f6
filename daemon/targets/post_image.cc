#include "daemon/targets/post_image.h"

#include <boost/url/parse.hpp>
#include <optional>
#include <utility>

#include "feeds/string_util.h"

namespace herald {
namespace {

// scheme://host:port with the default port spelled out; nullopt unless an
// absolute http(s) URL with a host.
std::optional<std::string> origin_of(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  std::string scheme = ascii_lower(std::string(parsed->scheme()));
  if ((scheme != "http" && scheme != "https") || parsed->encoded_host().empty()) return std::nullopt;
  std::string port = parsed->has_port() ? std::string(parsed->port()) : (scheme == "https" ? "443" : "80");
  return scheme + "://" + ascii_lower(std::string(parsed->encoded_host())) + ":" + port;
}

}  // namespace

PostImagePolicy post_image_policy(const Config& config) {
  return {config.site.url, config.delivery.image_origins, config.delivery.image_networks};
}

Result<HttpRequest> post_image_request(const std::string& image_url, const PostImagePolicy& policy,
                                       std::size_t max_bytes) {
  std::optional<std::string> origin = origin_of(image_url);
  if (!origin) {
    return Result<HttpRequest>::failed("not an http(s) URL");
  }
  bool allowed = origin == origin_of(policy.site_url);
  for (const std::string& other : policy.origins) allowed = allowed || origin == origin_of(other);
  if (!allowed) {
    return Result<HttpRequest>::failed("not on the site's origin nor in delivery.image_origins");
  }
  HttpRequest request;
  request.method = "GET";
  request.url = image_url;
  request.max_response_bytes = max_bytes + 1;
  request.public_addresses_only = true;
  request.allowed_networks = policy.networks;
  return request;
}

Result<std::string> post_image_body(HttpResponse response, std::size_t max_bytes) {
  if (response.status != 200) {
    return Result<std::string>::failed(
        "it could not be fetched (" +
        (response.status != 0 ? "HTTP " + std::to_string(response.status) : response.error) + ")");
  }
  if (response.body.size() > max_bytes) {
    return Result<std::string>::failed("it is more than the " + std::to_string(max_bytes) +
                                       " bytes an image may have");
  }
  return std::move(response.body);
}

}  // namespace herald
