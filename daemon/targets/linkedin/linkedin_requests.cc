#include "daemon/targets/linkedin/linkedin_requests.h"

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "daemon/targets/json_exchange.h"

namespace herald {
namespace {

namespace json = boost::json;

void add_headers(HttpRequest& request, const LinkedInAccount& account) {
  request.headers.emplace_back("authorization", "Bearer " + account.token);
  request.headers.emplace_back("linkedin-version", account.version);
  request.headers.emplace_back("x-restli-protocol-version", "2.0.0");
}

json::object article_content(const LinkedInArticle& article) {
  json::object content{{"source", article.source}, {"title", article.title}};
  if (!article.description.empty()) content["description"] = article.description;
  if (!article.thumbnail.empty()) {
    content["thumbnail"] = article.thumbnail;
    if (!article.thumbnail_alt.empty()) content["thumbnailAltText"] = article.thumbnail_alt;
  }
  return content;
}

// "scheme://host:port" of `url`; "" when it does not parse.
std::string origin_of(const std::string& url) {
  boost::system::result<boost::urls::url_view> parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return "";
  return std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
}

}  // namespace

HttpRequest linkedin_post_request(const LinkedInAccount& account, const LinkedInArticle& article) {
  json::object body{
      {"author", account.author},
      {"commentary", article.commentary},
      {"visibility", "PUBLIC"},
      {"distribution", json::object{{"feedDistribution", "MAIN_FEED"},
                                    {"targetEntities", json::array{}},
                                    {"thirdPartyDistributionChannels", json::array{}}}},
      {"content", json::object{{"article", article_content(article)}}},
      {"lifecycleState", "PUBLISHED"},
      {"isReshareDisabledByAuthor", false}};
  HttpRequest request = json_request("POST", account.url + "/rest/posts", json::serialize(body));
  add_headers(request, account);
  return request;
}

HttpRequest linkedin_initialize_upload_request(const LinkedInAccount& account) {
  json::object body{{"initializeUploadRequest", json::object{{"owner", account.author}}}};
  HttpRequest request =
      json_request("POST", account.url + "/rest/images?action=initializeUpload", json::serialize(body));
  add_headers(request, account);
  return request;
}

HttpRequest linkedin_upload_request(const LinkedInAccount& account, const std::string& upload_url,
                                    const std::string& bytes, const std::string& media_type, bool with_token) {
  HttpRequest request;
  request.method = "PUT";
  request.url = upload_url;
  request.body = bytes;
  request.headers.emplace_back("content-type", media_type);
  if (with_token) request.headers.emplace_back("authorization", "Bearer " + account.token);
  return request;
}

bool linkedin_upload_takes_token(const LinkedInAccount& account, const std::string& upload_url) {
  std::string origin = origin_of(upload_url);
  return upload_url.rfind("https://", 0) == 0 || (!origin.empty() && origin == origin_of(account.url));
}

HttpRequest linkedin_recent_posts_request(const LinkedInAccount& account) {
  boost::urls::url url(account.url + "/rest/posts");
  url.set_encoded_query("author=" + boost::urls::encode(account.author, boost::urls::unreserved_chars) +
                        "&q=author&count=10&sortBy=LAST_MODIFIED");
  HttpRequest request;
  request.method = "GET";
  request.url = std::string(url.buffer());
  add_headers(request, account);
  return request;
}

std::string linkedin_post_url(const std::string& urn) { return "https://www.linkedin.com/feed/update/" + urn + "/"; }

}  // namespace herald
