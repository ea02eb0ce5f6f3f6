#include "tests/support/loopback/x_fake.h"

#include <boost/json.hpp>

#include "tests/support/loopback/form_fields.h"
#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

namespace json = boost::json;

constexpr const char* kUserId = "42";

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

Reply problem(int status, const std::string& title, const std::string& detail) {
  return json_reply(status, json::object{{"title", title}, {"type", "about:blank"}, {"status", status},
                                         {"detail", detail}});
}

// Every http(s) URL in `text` (up to the next whitespace).
std::vector<std::string> urls_in(const std::string& text) {
  std::vector<std::string> urls;
  for (std::size_t at = text.find("http"); at != std::string::npos; at = text.find("http", at + 1)) {
    if (text.compare(at, 7, "http://") != 0 && text.compare(at, 8, "https://") != 0) continue;
    std::size_t end = text.find_first_of(" \n\t", at);
    urls.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
    at = end == std::string::npos ? text.size() - 1 : end;
  }
  return urls;
}

}  // namespace

XFake::XFake(std::string refresh_token) : refresh_token_(std::move(refresh_token)) {
  receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
}

XFake::~XFake() = default;

std::string XFake::url() const {
  std::string url = receiver_.url("/");
  url.pop_back();
  return url;
}

void XFake::lose_post_answers(int count) {
  std::lock_guard lock(mutex_);
  lose_answers_ = count;
}

void XFake::rate_limit_posts(int count, std::chrono::seconds wait) {
  std::lock_guard lock(mutex_);
  rate_limited_ = count;
  rate_limit_wait_ = wait;
}

void XFake::hang_posts(int count) {
  std::lock_guard lock(mutex_);
  hung_ = count;
}

void XFake::expire_access_token() {
  std::lock_guard lock(mutex_);
  access_token_ = "";
}

std::string XFake::refresh_token() const {
  std::lock_guard lock(mutex_);
  return refresh_token_;
}

std::vector<XFakePost> XFake::posts() const {
  std::lock_guard lock(mutex_);
  return posts_;
}

std::vector<ReceivedRequest> XFake::requests_to(const std::string& path) const {
  std::vector<ReceivedRequest> out;
  for (ReceivedRequest& request : receiver_.requests()) {
    if (path_of(request.target) == path) out.push_back(std::move(request));
  }
  return out;
}

Reply XFake::answer(const ReceivedRequest& request) {
  std::lock_guard lock(mutex_);
  std::string path = path_of(request.target);
  if (request.method == "POST" && path == "/2/oauth2/token") return refresh(request);
  if (access_token_.empty() || request.header("authorization") != "Bearer " + access_token_) {
    return problem(401, "Unauthorized", "Unauthorized");
  }
  if (request.method == "POST" && path == "/2/tweets") return post(request);
  if (request.method == "GET" && path == "/2/users/me") {
    return json_reply(200, json::object{{"data", json::object{{"id", kUserId}, {"name", "Noticias"},
                                                              {"username", "noticias"}}}});
  }
  if (request.method == "GET" && path == std::string("/2/users/") + kUserId + "/tweets") return timeline();
  return problem(404, "Not Found Error", "Could not find the requested resource.");
}

Reply XFake::refresh(const ReceivedRequest& request) {
  std::string offered = form_field(request.body, "refresh_token");
  if (form_field(request.body, "grant_type") != "refresh_token" || offered != refresh_token_ ||
      used_.count(offered) > 0) {
    return json_reply(400, json::object{{"error", "invalid_grant"},
                                        {"error_description", "Value passed for the token was invalid."}});
  }
  used_.insert(offered);
  ++generation_;
  refresh_token_ = "refresh-" + std::to_string(generation_);
  access_token_ = "access-" + std::to_string(generation_);
  return json_reply(200, json::object{{"token_type", "bearer"},
                                      {"expires_in", 7200},
                                      {"access_token", access_token_},
                                      {"scope", "tweet.write users.read tweet.read offline.access"},
                                      {"refresh_token", refresh_token_}});
}

Reply XFake::post(const ReceivedRequest& request) {
  if (hung_ > 0) {
    --hung_;
    return Reply::hang();
  }
  if (rate_limited_ > 0) {
    --rate_limited_;
    Reply reply = problem(429, "Too Many Requests", "Too Many Requests");
    auto reset = std::chrono::duration_cast<std::chrono::seconds>(
        (std::chrono::system_clock::now() + rate_limit_wait_).time_since_epoch());
    reply.headers.emplace_back("x-rate-limit-limit", "100");
    reply.headers.emplace_back("x-rate-limit-remaining", "0");
    reply.headers.emplace_back("x-rate-limit-reset", std::to_string(reset.count()));
    return reply;
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  const json::value* text = !ec && body.is_object() ? body.get_object().if_contains("text") : nullptr;
  if (text == nullptr || !text->is_string()) return problem(400, "Invalid Request", "text is required");
  for (const XFakePost& made : posts_) {
    if (made.text == text->get_string()) {
      return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    }
  }
  XFakePost made{std::to_string(1790000000000000000LL + static_cast<long long>(posts_.size())),
                 std::string(text->get_string()), access_token_};
  posts_.push_back(made);
  if (lose_answers_ > 0) {
    --lose_answers_;
    return Reply::reset();
  }
  return json_reply(201, json::object{{"data", json::object{{"id", made.id}, {"text", made.text}}}});
}

Reply XFake::timeline() const {
  json::array data;
  for (auto it = posts_.rbegin(); it != posts_.rend(); ++it) {
    json::array urls;
    for (const std::string& url : urls_in(it->text)) {
      urls.push_back(json::object{{"url", "https://t.co/abc"}, {"expanded_url", url}, {"display_url", url}});
    }
    data.push_back(json::object{{"id", it->id}, {"text", it->text}, {"entities", json::object{{"urls", urls}}}});
  }
  return json_reply(200, json::object{{"data", std::move(data)}});
}

}  // namespace herald::test
