#include "tests/support/loopback/graph_fake.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "tests/support/loopback/form_fields.h"
#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

namespace json = boost::json;

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

Reply graph_error(int code, int subcode, const std::string& message) {
  json::object error{{"message", message}, {"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "AxFakeTrace"}};
  if (subcode != 0) error["error_subcode"] = subcode;
  return json_reply(400, json::object{{"error", std::move(error)}});
}

}  // namespace

GraphFake::GraphFake(std::string page_id, std::string token) : page_id_(std::move(page_id)), token_(std::move(token)) {
  receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
}

GraphFake::~GraphFake() = default;

std::string GraphFake::url() const {
  std::string url = receiver_.url("/");
  url.pop_back();
  return url;
}

void GraphFake::lose_feed_answers(int count) {
  std::lock_guard lock(mutex_);
  lose_answers_ = count;
}

void GraphFake::throttle_feed(int count, int regain_minutes) {
  std::lock_guard lock(mutex_);
  throttled_ = count;
  regain_minutes_ = regain_minutes;
}

void GraphFake::revoke_token() {
  std::lock_guard lock(mutex_);
  revoked_ = true;
}

std::vector<GraphPagePost> GraphFake::posts() const {
  std::lock_guard lock(mutex_);
  return posts_;
}

std::vector<ReceivedRequest> GraphFake::requests_to(const std::string& suffix) const {
  std::vector<ReceivedRequest> out;
  for (ReceivedRequest& request : receiver_.requests()) {
    std::string path = path_of(request.target);
    if (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(std::move(request));
    }
  }
  return out;
}

Reply GraphFake::answer(const ReceivedRequest& request) {
  std::lock_guard lock(mutex_);
  std::string token = request.header("authorization");
  token = token.rfind("Bearer ", 0) == 0 ? token.substr(7) : form_field(request.body, "access_token");
  if (token != token_) return graph_error(190, 0, "Invalid OAuth access token - Cannot parse access token");
  if (revoked_) {
    return graph_error(190, 460,
                       "Error validating access token: The session has been invalidated because the user changed "
                       "their password or Facebook has changed the session for security reasons.");
  }
  std::string path = path_of(request.target);
  std::string page = "/" + page_id_ + "/";
  std::size_t at = path.find(page);
  std::string edge = at == std::string::npos ? "" : path.substr(at + page.size());
  if (request.method == "POST" && edge == "feed") return feed(request);
  if (request.method == "GET" && edge == "posts") return page_posts();
  return graph_error(100, 33, "Unsupported request - method type: " + request.method);
}

Reply GraphFake::feed(const ReceivedRequest& request) {
  if (throttled_ > 0) {
    --throttled_;
    Reply reply = graph_error(80001, 0, "There have been too many calls to this Page account. Wait a bit and try again.");
    json::object usage{{"type", "pages"}, {"call_count", 100}, {"total_cputime", 10}, {"total_time", 12},
                       {"estimated_time_to_regain_access", regain_minutes_}};
    reply.headers.emplace_back("X-Business-Use-Case-Usage",
                               json::serialize(json::object{{page_id_, json::array{usage}}}));
    return reply;
  }
  GraphPagePost post{"", form_field(request.body, "message"), form_field(request.body, "link")};
  if (post.message.empty() && post.link.empty()) {
    return graph_error(100, 0, "(#100) Missing message or attachment");
  }
  if (!posts_.empty() && posts_.back().message == post.message && posts_.back().link == post.link) {
    return graph_error(506, 0, "Duplicate status message");
  }
  post.id = page_id_ + "_" + std::to_string(1000 + posts_.size());
  posts_.push_back(post);
  if (lose_answers_ > 0) {
    --lose_answers_;
    return Reply::reset();
  }
  Reply reply = json_reply(200, json::object{{"id", post.id}});
  reply.headers.emplace_back("X-App-Usage", R"({"call_count":2,"total_cputime":1,"total_time":1})");
  return reply;
}

Reply GraphFake::page_posts() const {
  json::array data;
  for (auto it = posts_.rbegin(); it != posts_.rend(); ++it) {
    std::string n = it->id.substr(it->id.find('_') + 1);
    json::object item{{"id", it->id},
                      {"permalink_url", "https://www.facebook.com/" + page_id_ + "/posts/" + n},
                      {"message", it->message},
                      {"created_time", "2026-12-02T12:00:00+0000"}};
    if (!it->link.empty()) {
      boost::urls::url shim("https://l.facebook.com/l.php");
      shim.params().append({"u", it->link});
      item["attachments"] = json::object{
          {"data", json::array{json::object{{"url", std::string(shim.buffer())}, {"unshimmed_url", it->link}}}}};
    }
    data.push_back(std::move(item));
  }
  return json_reply(200, json::object{{"data", std::move(data)}});
}

}  // namespace herald::test
