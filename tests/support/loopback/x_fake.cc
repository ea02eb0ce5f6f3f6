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

// Unicode characters of UTF-8 `text` (its bytes that start one).
std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

bool contains_multipart(const ReceivedRequest& request) {
  return request.header("content-type").rfind("multipart/form-data; boundary=", 0) == 0;
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

void XFake::refuse_uploads(int count) {
  std::lock_guard lock(mutex_);
  refused_uploads_ = count;
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

std::vector<XFakeMedia> XFake::media() const {
  std::lock_guard lock(mutex_);
  return media_;
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
  if (request.method == "POST" && path == "/2/media/upload") return upload(request);
  if (request.method == "POST" && path == "/2/media/metadata") return metadata(request);
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
                 std::string(text->get_string()), access_token_, {}};
  const json::value* media = body.get_object().if_contains("media");
  const json::value* ids = media && media->is_object() ? media->get_object().if_contains("media_ids") : nullptr;
  if (ids && ids->is_array()) {
    for (const json::value& id : ids->get_array()) {
      if (!id.is_string() || !uploaded(std::string(id.get_string()))) {
        return problem(400, "Invalid Request", "Your media IDs are invalid.");
      }
      made.media_ids.emplace_back(id.get_string());
    }
  }
  posts_.push_back(made);
  if (lose_answers_ > 0) {
    --lose_answers_;
    return Reply::reset();
  }
  return json_reply(201, json::object{{"data", json::object{{"id", made.id}, {"text", made.text}}}});
}

// The multipart body must carry a file part `media` and the category of a
// post's image (read as text: the fake checks what herald writes).
Reply XFake::upload(const ReceivedRequest& request) {
  const std::string& body = request.body;
  bool has_media = body.find("Content-Disposition: form-data; name=\"media\"; filename=") != std::string::npos;
  bool for_post = body.find("name=\"media_category\"\r\n\r\ntweet_image\r\n") != std::string::npos;
  if (!contains_multipart(request) || !has_media || !for_post) {
    return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
  }
  if (refused_uploads_ > 0) {
    --refused_uploads_;
    return problem(400, "Invalid Request", "media type unrecognized.");
  }
  XFakeMedia made{std::to_string(1880000000000000000LL + static_cast<long long>(media_.size())), body, ""};
  media_.push_back(made);
  return json_reply(200, json::object{{"data", json::object{{"id", made.id},
                                                            {"media_key", "3_" + made.id},
                                                            {"size", body.size()},
                                                            {"expires_after_secs", 86400}}}});
}

Reply XFake::metadata(const ReceivedRequest& request) {
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  const json::object* fields = !ec && body.is_object() ? &body.get_object() : nullptr;
  const json::value* id = fields ? fields->if_contains("id") : nullptr;
  const json::value* text = nullptr;
  if (fields && fields->contains("metadata") && body.at("metadata").is_object()) {
    const json::value* alt = body.at("metadata").get_object().if_contains("alt_text");
    text = alt && alt->is_object() ? alt->get_object().if_contains("text") : nullptr;
  }
  if (id == nullptr || !id->is_string() || !uploaded(std::string(id->get_string()))) {
    return problem(400, "Invalid Request", "The media id is invalid.");
  }
  if (text == nullptr || !text->is_string() || characters(text->get_string()) > 1000) {
    return problem(400, "Invalid Request", "alt_text.text must be at most 1000 characters.");
  }
  for (XFakeMedia& media : media_) {
    if (media.id == id->get_string()) media.alt_text = std::string(text->get_string());
  }
  return json_reply(200, json::object{{"data", json::object{{"id", id->get_string()}}}});
}

bool XFake::uploaded(const std::string& id) const {
  for (const XFakeMedia& media : media_) {
    if (media.id == id) return true;
  }
  return false;
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
