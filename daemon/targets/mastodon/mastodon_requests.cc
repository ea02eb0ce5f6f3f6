#include "daemon/targets/mastodon/mastodon_requests.h"

#include <boost/url.hpp>

#include "daemon/targets/mastodon/mastodon_status.h"

namespace herald {
namespace {

void authorize(HttpRequest& request, const TargetConfig& target) {
  request.headers.emplace_back("authorization", "Bearer " + target.as<MastodonSettings>().token);
}

}  // namespace

std::string mastodon_endpoint(const std::string& server, std::string_view path) {
  boost::system::result<boost::urls::url_view> parsed = boost::urls::parse_uri(server);
  if (!parsed) {
    std::string base = server;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + std::string(path);
  }
  boost::urls::url url(*parsed);
  std::string base_path = url.path();
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  url.set_path(base_path + std::string(path));
  url.remove_query();
  url.remove_fragment();
  return std::string(url.buffer());
}

HttpRequest mastodon_instance_request(const TargetConfig& target, int version) {
  HttpRequest request;
  request.method = "GET";
  request.url = mastodon_endpoint(target.url, version == 2 ? "/api/v2/instance" : "/api/v1/instance");
  request.headers.emplace_back("accept", "application/json");
  return request;
}

HttpRequest mastodon_media_request(const TargetConfig& target, const MastodonImage& image,
                                   std::string_view alt) {
  HttpRequest request;
  request.method = "POST";
  request.url = mastodon_endpoint(target.url, "/api/v2/media");
  authorize(request, target);
  request.form.push_back(FormPart{"file", image.data, image.filename, image.content_type});
  std::string description = mastodon_alt_text(alt);
  if (!description.empty()) request.form.push_back(FormPart{"description", description, "", ""});
  return request;
}

HttpRequest mastodon_media_poll_request(const TargetConfig& target, const std::string& media_id) {
  HttpRequest request;
  request.method = "GET";
  request.url = mastodon_endpoint(target.url, "/api/v1/media/" + media_id);
  authorize(request, target);
  return request;
}

HttpRequest mastodon_status_request(const TargetConfig& target, std::string body,
                                    const std::string& idempotency_key) {
  HttpRequest request;
  request.method = "POST";
  request.url = mastodon_endpoint(target.url, "/api/v1/statuses");
  authorize(request, target);
  request.headers.emplace_back("content-type", "application/json");
  request.headers.emplace_back("idempotency-key", idempotency_key);
  request.body = std::move(body);
  return request;
}

std::string mastodon_image_filename(const std::string& image_url) {
  boost::system::result<boost::urls::url_view> parsed = boost::urls::parse_uri_reference(image_url);
  std::string path = parsed ? std::string(parsed->encoded_path()) : image_url;
  std::string name = path.substr(path.find_last_of('/') + 1);
  return name.empty() ? "image" : name;
}

}  // namespace herald
