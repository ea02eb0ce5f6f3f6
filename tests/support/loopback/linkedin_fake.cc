#include "tests/support/loopback/linkedin_fake.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

namespace json = boost::json;

constexpr const char* kUploads = "/dms-uploads/";

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

Reply error_reply(int status, int service_code, const std::string& code, const std::string& message) {
  json::object body{{"status", status}, {"serviceErrorCode", service_code}, {"message", message}};
  if (!code.empty()) body["code"] = code;
  return json_reply(status, body);
}

// The query parameter `name` of `target`, decoded; "" when absent.
std::string query_param(const std::string& target, const std::string& name) {
  boost::system::result<boost::urls::url_view> url = boost::urls::parse_origin_form(target);
  if (!url) return "";
  auto found = url->params().find(name);
  return found == url->params().end() ? "" : std::string((*found).value);
}

// The string at `path` of `value`; "" when absent or not a string.
std::string text_at(const json::value& value, std::initializer_list<const char*> path) {
  const json::value* at = &value;
  for (const char* key : path) {
    at = at->is_object() ? at->get_object().if_contains(key) : nullptr;
    if (at == nullptr) return "";
  }
  return at->is_string() ? std::string(at->get_string()) : "";
}

}  // namespace

LinkedInFake::LinkedInFake(std::string author, std::string token)
    : author_(std::move(author)), token_(std::move(token)) {
  receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
}

LinkedInFake::~LinkedInFake() = default;

std::string LinkedInFake::url() const {
  std::string url = receiver_.url("/");
  url.pop_back();
  return url;
}

void LinkedInFake::expire_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

void LinkedInFake::lose_post_answers(int count) {
  std::lock_guard lock(mutex_);
  lose_answers_ = count;
}

void LinkedInFake::rate_limit_posts(int count, int retry_after_seconds) {
  std::lock_guard lock(mutex_);
  rate_limited_ = count;
  retry_after_ = retry_after_seconds;
}

std::vector<LinkedInFakePost> LinkedInFake::posts() const {
  std::lock_guard lock(mutex_);
  return posts_;
}

std::vector<std::string> LinkedInFake::images() const {
  std::lock_guard lock(mutex_);
  return images_;
}

std::vector<ReceivedRequest> LinkedInFake::requests_to(const std::string& path) const {
  std::vector<ReceivedRequest> out;
  for (ReceivedRequest& request : receiver_.requests()) {
    if (path_of(request.target) == path) out.push_back(std::move(request));
  }
  return out;
}

Reply LinkedInFake::answer(const ReceivedRequest& request) {
  std::lock_guard lock(mutex_);
  if (expired_) return error_reply(401, 65601, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired");
  if (request.header("authorization") != "Bearer " + token_) {
    return error_reply(401, 65600, "INVALID_ACCESS_TOKEN", "Invalid access token");
  }
  std::string path = path_of(request.target);
  if (request.method == "PUT" && path.rfind(kUploads, 0) == 0) return upload(request, path);
  if (request.header("linkedin-version").empty()) {
    return error_reply(400, 0, "VERSION_MISSING", "A version must be present. Please specify a version by adding "
                                                  "the LinkedIn-Version header.");
  }
  if (request.header("x-restli-protocol-version") != "2.0.0") {
    return error_reply(400, 0, "", "Rest.li protocol version 2.0.0 is required");
  }
  if (request.method == "POST" && path == "/rest/images" && query_param(request.target, "action") == "initializeUpload") {
    return initialize_upload(request);
  }
  if (request.method == "POST" && path == "/rest/posts") return create_post(request);
  if (request.method == "GET" && path == "/rest/posts") return list_posts(request);
  return error_reply(404, 0, "", "Not Found");
}

Reply LinkedInFake::initialize_upload(const ReceivedRequest& request) {
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec || text_at(body, {"initializeUploadRequest", "owner"}) != author_) {
    return error_reply(403, 100, "", "Not enough permissions to access: POST /images");
  }
  images_.emplace_back();
  uploaded_.push_back(false);
  std::string n = std::to_string(images_.size());
  return json_reply(200, json::object{{"value", json::object{{"uploadUrlExpiresAt", 1764421200000},
                                                             {"uploadUrl", url() + kUploads + n},
                                                             {"image", "urn:li:image:D4E10AQ" + n}}}});
}

Reply LinkedInFake::upload(const ReceivedRequest& request, const std::string& path) {
  std::size_t n = std::stoul("0" + path.substr(std::string(kUploads).size()));
  if (n == 0 || n > images_.size() || request.body.empty()) return Reply::with_status(400);
  images_[n - 1] = request.body;
  uploaded_[n - 1] = true;
  return Reply::with_status(201);
}

Reply LinkedInFake::create_post(const ReceivedRequest& request) {
  if (rate_limited_ > 0) {
    --rate_limited_;
    Reply reply = error_reply(429, 0, "", "Resource level throttle APPLICATION DAY limit for calls to this resource "
                                          "is reached.");
    if (retry_after_ > 0) reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec || text_at(body, {"author"}) != author_) {
    return error_reply(403, 100, "", "Not enough permissions to access: POST /posts");
  }
  LinkedInFakePost made{"", text_at(body, {"commentary"}), text_at(body, {"content", "article", "source"}),
                        text_at(body, {"content", "article", "thumbnail"}), request.body};
  if (made.source.empty() || text_at(body, {"lifecycleState"}) != "PUBLISHED") {
    return error_reply(422, 0, "", "/content/article/source :: field is required");
  }
  if (!made.thumbnail.empty()) {
    const std::string prefix = "urn:li:image:D4E10AQ";
    std::size_t n = made.thumbnail.rfind(prefix, 0) == 0 ? std::stoul("0" + made.thumbnail.substr(prefix.size())) : 0;
    if (n == 0 || n > uploaded_.size() || !uploaded_[n - 1]) {
      return error_reply(400, 0, "", "Image " + made.thumbnail + " is not available");
    }
  }
  for (const LinkedInFakePost& earlier : posts_) {
    if (earlier.commentary == made.commentary && earlier.source == made.source) {
      return error_reply(422, 0, "DUPLICATE_POST", "Content is a duplicate of " + earlier.urn);
    }
  }
  made.urn = "urn:li:share:70812345678901" + std::to_string(10000 + posts_.size());
  posts_.push_back(made);
  if (lose_answers_ > 0) {
    --lose_answers_;
    return Reply::reset();
  }
  Reply reply = Reply::with_status(201);
  reply.headers.emplace_back("x-restli-id", made.urn);
  return reply;
}

Reply LinkedInFake::list_posts(const ReceivedRequest& request) const {
  if (query_param(request.target, "q") != "author" || query_param(request.target, "author") != author_ ||
      request.target.find("author=" + std::string("urn%3Ali%3Aorganization%3A")) == std::string::npos) {
    return error_reply(400, 0, "", "Invalid query parameters passed to request");
  }
  json::array elements;
  for (auto it = posts_.rbegin(); it != posts_.rend(); ++it) {
    json::object article{{"source", it->source}};
    if (!it->thumbnail.empty()) article["thumbnail"] = it->thumbnail;
    elements.push_back(json::object{{"id", it->urn},
                                    {"author", author_},
                                    {"commentary", it->commentary},
                                    {"lifecycleState", "PUBLISHED"},
                                    {"content", json::object{{"article", article}}}});
  }
  return json_reply(200, json::object{{"elements", elements}, {"paging", json::object{{"start", 0}, {"count", 10}}}});
}

}  // namespace herald::test
