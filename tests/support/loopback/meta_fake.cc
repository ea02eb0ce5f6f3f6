#include "tests/support/loopback/meta_fake.h"

#include <algorithm>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/images/image_probe.h"
#include "tests/support/loopback/form_fields.h"
#include "tests/support/loopback/json_reply.h"

namespace herald::test {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

std::string query_param(const std::string& target, const std::string& name) {
  boost::system::result<boost::urls::url_view> url = boost::urls::parse_origin_form(target);
  if (!url) return "";
  auto found = url->params().find(name);
  return found == url->params().end() ? "" : std::string((*found).value);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Reply graph_error(int code, int subcode, const std::string& message) {
  json::object error{{"message", message}, {"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "AmFakeTrace"}};
  if (subcode != 0) error["error_subcode"] = subcode;
  return json_reply(400, json::object{{"error", std::move(error)}});
}

struct Fetched {
  int status = 0;
  std::string content_type;
  std::string body;
};

// GET http://127.0.0.1:port/path, as the network fetches the image.
Fetched http_get(int port, const std::string& path) {
  Fetched out;
  try {
    boost::asio::io_context io;
    boost::beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                                  static_cast<unsigned short>(port)));
    http::request<http::empty_body> request(http::verb::get, path, 11);
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::user_agent, "facebookexternalhit/1.1");
    http::write(stream, request);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::read(stream, buffer, parser);
    out.status = static_cast<int>(parser.get().result_int());
    out.content_type = std::string(parser.get()[http::field::content_type]);
    out.body = parser.get().body();
  } catch (const std::exception&) {
    out.status = 0;
  }
  return out;
}

}  // namespace

MetaFake::MetaFake(Network network, std::string account, std::string token)
    : network_(network), account_(std::move(account)), token_(std::move(token)) {
  receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
}

MetaFake::~MetaFake() = default;

std::string MetaFake::url() const {
  std::string url = receiver_.url("/");
  url.pop_back();
  return url;
}

void MetaFake::fetch_images_from(const std::string& public_prefix, int port) {
  std::lock_guard lock(mutex_);
  public_prefix_ = public_prefix;
  image_port_ = port;
}

void MetaFake::containers_in_progress(int polls) {
  std::lock_guard lock(mutex_);
  in_progress_polls_ = polls;
}

void MetaFake::fail_next_container(const std::string& state) {
  std::lock_guard lock(mutex_);
  next_failure_ = state;
}

void MetaFake::lose_publish_answers(int count) {
  std::lock_guard lock(mutex_);
  lose_answers_ = count;
}

void MetaFake::hang(const std::string& suffix, int count, bool made) {
  std::lock_guard lock(mutex_);
  hang_suffix_ = suffix;
  hang_count_ = count;
  hang_made_ = made;
}

void MetaFake::reach_publishing_limit(int window_seconds) {
  std::lock_guard lock(mutex_);
  limit_window_s_ = window_seconds;
}

void MetaFake::expire_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

std::vector<MetaPost> MetaFake::posts() const {
  std::lock_guard lock(mutex_);
  return posts_;
}

std::vector<MetaContainer> MetaFake::containers() const {
  std::lock_guard lock(mutex_);
  return containers_;
}

std::string MetaFake::token() const {
  std::lock_guard lock(mutex_);
  return token_;
}

std::vector<std::string> MetaFake::image_problems() const {
  std::lock_guard lock(mutex_);
  return image_problems_;
}

std::vector<ReceivedRequest> MetaFake::requests_to(const std::string& suffix) const {
  std::vector<ReceivedRequest> out;
  for (ReceivedRequest& request : receiver_.requests()) {
    if (ends_with(path_of(request.target), suffix)) out.push_back(std::move(request));
  }
  return out;
}

Reply MetaFake::answer(const ReceivedRequest& request) {
  std::lock_guard lock(mutex_);
  const bool instagram = network_ == Network::instagram;
  const std::string path = path_of(request.target);
  std::string token = request.method == "GET" ? query_param(request.target, "access_token")
                                              : form_field(request.body, "access_token");
  bool hangs = !hang_suffix_.empty() && hang_count_ > 0 && ends_with(path, hang_suffix_);
  if (hangs) {
    --hang_count_;
    if (!hang_made_) return Reply::hang();
  }
  if (token != token_) return graph_error(190, 0, "Invalid OAuth access token - Cannot parse access token");
  if (expired_) {
    return graph_error(190, 463, "Error validating access token: Session has expired on Monday, 01-Dec-25 "
                                 "12:00:00 PST.");
  }
  if (path == "/refresh_access_token") {
    std::string grant = query_param(request.target, "grant_type");
    if (grant != (instagram ? "ig_refresh_token" : "th_refresh_token")) {
      return graph_error(100, 0, "Unsupported grant_type: " + grant);
    }
    return refresh();
  }
  const std::string account = "/" + account_ + "/";
  std::size_t at = path.find(account);
  std::string edge = at == std::string::npos ? "" : path.substr(at + account.size());
  const std::string create_edge = instagram ? "media" : "threads";
  if (request.method == "POST" && edge == create_edge) {
    if (instagram) {
      return create(form_field(request.body, "caption"), form_field(request.body, "image_url"), true);
    }
    bool image = form_field(request.body, "media_type") == "IMAGE";
    return create(form_field(request.body, "text"), form_field(request.body, "image_url"), image);
  }
  if (request.method == "POST" && edge == (instagram ? "media_publish" : "threads_publish")) {
    Reply reply = publish(form_field(request.body, "creation_id"));
    if (hangs) return Reply::hang();  // made, never answered
    return reply;
  }
  if (request.method == "GET" && edge == (instagram ? "content_publishing_limit" : "threads_publishing_limit")) {
    bool full = limit_window_s_ > 0;
    json::object entry{{"quota_usage", full ? 1 : static_cast<int>(posts_.size())},
                       {"config", json::object{{"quota_total", full ? 1 : (instagram ? 100 : 250)},
                                               {"quota_duration", full ? limit_window_s_ : 86400}}}};
    limit_window_s_ = 0;
    return json_reply(200, json::object{{"data", json::array{entry}}});
  }
  if (request.method == "GET" && edge == create_edge) return recent();
  // GET /{version}/{id}: a container or a post.
  std::string id = path.substr(path.rfind('/') + 1);
  if (request.method == "GET") {
    for (MetaContainer& container : containers_) {
      if (container.id == id) return status(container);
    }
    for (const MetaPost& post : posts_) {
      if (post.id == id) {
        return json_reply(200, json::object{{"id", post.id},
                                            {"permalink", (instagram ? "https://www.instagram.com/p/"
                                                                     : "https://www.threads.net/@noticias/post/") +
                                                              post.id + "/"}});
      }
    }
  }
  return graph_error(100, 33, "Unsupported " + request.method + " request. Object with ID '" + id +
                                  "' does not exist");
}

Reply MetaFake::refresh() {
  token_ = "token-" + std::to_string(++token_serial_);
  return json_reply(200, json::object{{"access_token", token_}, {"token_type", "bearer"}, {"expires_in", 5184000}});
}

std::string MetaFake::check_image(const std::string& url, int* code, int* subcode) {
  std::string problem;
  *code = 9004;
  *subcode = 2207052;
  if (public_prefix_.empty() || url.rfind(public_prefix_, 0) != 0) {
    problem = "not fetched: " + url + " is not on the site";
  } else {
    Fetched fetched = http_get(image_port_, "/" + url.substr(public_prefix_.size()));
    const bool instagram = network_ == Network::instagram;
    Result<ImageFacts> facts = fetched.status == 200 ? probe_image(fetched.body)
                                                     : Result<ImageFacts>::failed("not fetched");
    if (fetched.status != 200) {
      problem = url + ": HTTP " + std::to_string(fetched.status);
    } else if (!facts.ok()) {
      problem = url + ": " + facts.error();
      *code = 36001, *subcode = 2207005;
    } else if (facts->format != ImageFormat::jpeg && (instagram || facts->format != ImageFormat::png)) {
      problem = url + ": not a JPEG (" + fetched.content_type + ")";
      *code = 36001, *subcode = 2207005;
    } else if (fetched.body.size() > 8u * 1024 * 1024) {
      problem = url + ": more than 8 MiB";
      *code = 36000, *subcode = 2207004;
    } else {
      double ratio = static_cast<double>(facts->width) / std::max(1, facts->height);
      if (instagram ? (ratio < 0.8 - 1e-3 || ratio > 1.91 + 1e-3) : (ratio < 0.1 || ratio > 10.0)) {
        problem = url + ": aspect ratio " + std::to_string(ratio) + " out of range";
        *code = 36003, *subcode = 2207009;
      }
    }
  }
  if (!problem.empty()) image_problems_.push_back(problem);
  return problem;
}

Reply MetaFake::create(const std::string& text, const std::string& image_url, bool image) {
  if (image || !image_url.empty()) {
    int code = 0, subcode = 0;
    std::string problem = check_image(image_url, &code, &subcode);
    if (!problem.empty()) return graph_error(code, subcode, "The media could not be used: " + problem);
  } else if (text.empty()) {
    return graph_error(100, 0, "The parameter text is required for TEXT posts");
  }
  MetaContainer container;
  container.id = std::to_string(17900000000000000 + containers_.size());
  container.state = next_failure_.empty() ? (in_progress_polls_ > 0 ? "IN_PROGRESS" : "FINISHED") : next_failure_;
  container.polls_left = in_progress_polls_;
  container.text = text;
  container.image_url = image_url;
  next_failure_.clear();
  containers_.push_back(container);
  return json_reply(200, json::object{{"id", container.id}});
}

Reply MetaFake::status(MetaContainer& container) {
  if (container.state == "IN_PROGRESS" && container.polls_left-- <= 0) container.state = "FINISHED";
  std::string detail = container.state == "ERROR" ? "2207001: an unexpected error occurred" : "";
  if (network_ == Network::instagram) {
    return json_reply(200, json::object{{"status_code", container.state},
                                        {"status", detail.empty() ? container.state : detail},
                                        {"id", container.id}});
  }
  json::object body{{"status", container.state}, {"id", container.id}};
  if (!detail.empty()) body["error_message"] = "UNKNOWN";
  return json_reply(200, body);
}

Reply MetaFake::publish(const std::string& creation_id) {
  auto found = std::find_if(containers_.begin(), containers_.end(),
                            [&](const MetaContainer& c) { return c.id == creation_id; });
  if (found == containers_.end() || found->state == "EXPIRED" || found->state == "ERROR") {
    return graph_error(24, 2207008, "The media container does not exist or has expired");
  }
  if (found->state == "IN_PROGRESS") return graph_error(9007, 2207027, "Media ID is not available");
  if (found->state == "PUBLISHED") return graph_error(100, 0, "The media has already been published");
  if (limit_window_s_ > 0) {  // published without checking the limit first
    return graph_error(9, 2207042, "Application request limit reached: the daily publishing limit");
  }
  MetaPost post{std::to_string(18000000000000000 + posts_.size()), found->text, found->image_url, found->id};
  found->state = "PUBLISHED";
  posts_.push_back(post);
  if (lose_answers_ > 0) {
    --lose_answers_;
    return Reply::reset();
  }
  return json_reply(200, json::object{{"id", post.id}});
}

Reply MetaFake::recent() const {
  const char* text_field = network_ == Network::instagram ? "caption" : "text";
  json::array data;
  for (auto it = posts_.rbegin(); it != posts_.rend(); ++it) {
    data.push_back(json::object{{"id", it->id}, {text_field, it->text}, {"timestamp", "2026-12-02T12:00:00+0000"}});
  }
  return json_reply(200, json::object{{"data", std::move(data)}});
}

}  // namespace herald::test
