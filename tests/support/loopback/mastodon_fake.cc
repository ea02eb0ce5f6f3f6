#include "tests/support/loopback/mastodon_fake.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "daemon/text/text_length.h"

namespace herald::test {
namespace {

namespace json = boost::json;

Reply json_reply(int status, const json::value& body) {
  Reply reply = Reply::ok(json::serialize(body));
  reply.status = status;
  return reply;
}

Reply error_reply(int status, const std::string& error) {
  return json_reply(status, json::object{{"error", error}});
}

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

std::string iso_8601_in(std::chrono::milliseconds wait) {
  auto at = std::chrono::system_clock::now() + wait;
  std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &tm);
  char with_millis[48];
  std::snprintf(with_millis, sizeof(with_millis), "%s.%03dZ", text, static_cast<int>(millis));
  return with_millis;
}

}  // namespace

MastodonFake::MastodonFake(std::string token, std::size_t max_characters)
    : token_(std::move(token)), max_characters_(max_characters) {
  receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
}

MastodonFake::~MastodonFake() = default;

std::string MastodonFake::url() const {
  std::string url = receiver_.url("/");
  url.pop_back();
  return url;
}

const std::string& MastodonFake::png() {
  // A 2x2 RGB PNG (the image step decodes it).
  static const std::string bytes(
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02"
      "\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x11\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\xc0\xf0\x1f\x8c\x80"
      "\x18\x00\x1d\xf0\x03\xfd\xd3\xd0\x7d\x26\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
      74);
  return bytes;
}

void MastodonFake::lose_status_answers(int count) {
  std::lock_guard lock(mutex_);
  lose_answers_ = count;
}

void MastodonFake::rate_limit_statuses(int count, std::chrono::milliseconds wait) {
  std::lock_guard lock(mutex_);
  rate_limited_ = count;
  rate_limit_wait_ = wait;
}

void MastodonFake::without_v2_instance() {
  std::lock_guard lock(mutex_);
  v2_instance_ = false;
}

std::vector<FakeStatus> MastodonFake::statuses() const {
  std::lock_guard lock(mutex_);
  return statuses_;
}

std::vector<FakeMedia> MastodonFake::media() const {
  std::lock_guard lock(mutex_);
  return media_;
}

std::vector<ReceivedRequest> MastodonFake::requests_to(const std::string& prefix) const {
  std::vector<ReceivedRequest> out;
  for (ReceivedRequest& request : receiver_.requests()) {
    if (path_of(request.target).rfind(prefix, 0) == 0) out.push_back(std::move(request));
  }
  return out;
}

bool MastodonFake::authorized(const ReceivedRequest& request) const {
  return request.header("authorization") == "Bearer " + token_;
}

Reply MastodonFake::answer(const ReceivedRequest& request) {
  std::string path = path_of(request.target);
  std::lock_guard lock(mutex_);
  if (request.method == "GET" && path == "/api/v2/instance") {
    return v2_instance_ ? instance() : error_reply(404, "Record not found");
  }
  if (request.method == "GET" && path == "/api/v1/instance") return instance();
  if (request.method == "GET" && path.rfind("/uploads/", 0) == 0) {
    Reply reply = Reply::ok();
    reply.headers.emplace_back("Content-Type", "image/png");
    reply.body = png();
    return reply;
  }
  bool api = path.rfind("/api/", 0) == 0;
  if (api && !authorized(request)) return error_reply(401, "The access token is invalid");
  if (request.method == "POST" && path == "/api/v2/media") return post_media(request);
  if (request.method == "GET" && path.rfind("/api/v1/media/", 0) == 0) {
    return get_media(path.substr(std::string("/api/v1/media/").size()));
  }
  if (request.method == "POST" && path == "/api/v1/statuses") return post_status(request);
  return error_reply(404, "Record not found");
}

Reply MastodonFake::instance() const {
  json::object statuses{{"max_characters", max_characters_},
                        {"max_media_attachments", 4},
                        {"characters_reserved_per_url", 23}};
  json::object media{{"supported_mime_types", json::array{"image/jpeg", "image/png"}},
                     {"image_size_limit", 1048576}};
  return json_reply(200, json::object{{"domain", "127.0.0.1"},
                                      {"configuration", json::object{{"statuses", std::move(statuses)},
                                                                     {"media_attachments", std::move(media)}}}});
}

Reply MastodonFake::post_media(const ReceivedRequest& request) {
  FakeMedia media;
  media.id = std::to_string(next_id_++);
  media.body = request.body;
  media.content_type = request.header("content-type");
  media.polls_left = 1;
  media_.push_back(media);
  return json_reply(202, json::object{{"id", media.id}, {"type", "image"}, {"url", nullptr}});
}

Reply MastodonFake::get_media(const std::string& id) {
  for (FakeMedia& media : media_) {
    if (media.id != id) continue;
    if (media.polls_left > 0) {
      --media.polls_left;
      return json_reply(206, json::object{{"id", id}, {"type", "image"}, {"url", nullptr}});
    }
    return json_reply(200, json::object{{"id", id}, {"type", "image"}, {"url", url() + "/media/" + id + ".png"}});
  }
  return error_reply(404, "Record not found");
}

Reply MastodonFake::post_status(const ReceivedRequest& request) {
  std::string key = request.header("idempotency-key");
  if (rate_limited_ > 0) {
    --rate_limited_;
    Reply reply = error_reply(429, "Too many requests");
    reply.headers.emplace_back("X-RateLimit-Limit", "300");
    reply.headers.emplace_back("X-RateLimit-Remaining", "0");
    reply.headers.emplace_back("X-RateLimit-Reset", iso_8601_in(rate_limit_wait_));
    return reply;
  }
  const FakeStatus* made = nullptr;
  for (const FakeStatus& status : statuses_) {
    if (!key.empty() && status.idempotency_key == key && status.token == token_) made = &status;
  }
  if (!made) {
    boost::system::error_code ec;
    json::value body = json::parse(request.body, ec);
    if (ec || !body.is_object() || !body.as_object().contains("status")) {
      return error_reply(422, "Validation failed: Text can't be blank");
    }
    const json::object& fields = body.as_object();
    std::string text(fields.at("status").as_string());
    std::string spoiler;
    if (const json::value* s = fields.if_contains("spoiler_text")) spoiler = std::string(s->as_string());
    if (count_mastodon(text, spoiler) > max_characters_) {
      return error_reply(422, "Validation failed: Text character limit of " + std::to_string(max_characters_) +
                                  " exceeded");
    }
    if (const json::value* ids = fields.if_contains("media_ids")) {
      for (const json::value& id : ids->as_array()) {
        auto found = std::find_if(media_.begin(), media_.end(),
                                  [&](const FakeMedia& m) { return m.id == id.as_string(); });
        if (found == media_.end()) return error_reply(422, "Validation failed: Media is invalid");
        if (found->polls_left > 0) {
          return error_reply(422, "Cannot attach files that have not finished processing. Try again in a moment!");
        }
      }
    }
    FakeStatus status;
    status.id = std::to_string(next_id_++);
    status.url = url() + "/@noticias/" + status.id;
    status.body = request.body;
    status.idempotency_key = key;
    status.token = token_;
    statuses_.push_back(std::move(status));
    made = &statuses_.back();
    if (lose_answers_ > 0) {
      --lose_answers_;
      return error_reply(500, "We're sorry, but something went wrong on our end.");
    }
  }
  return json_reply(200, json::object{{"id", made->id}, {"url", made->url}, {"uri", made->url},
                                      {"content", "<p>status</p>"}});
}

}  // namespace herald::test
