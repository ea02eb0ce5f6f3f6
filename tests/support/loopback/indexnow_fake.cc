#include "tests/support/loopback/indexnow_fake.h"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

namespace herald::test {
namespace {

constexpr const char* kPath = "/indexnow";
constexpr std::size_t kMaxUrls = 10000;

struct Submission {
  std::string host, key, key_location;
  std::vector<std::string> urls;
};

// The submission in `body`; nullopt when it is not the protocol's shape.
std::optional<Submission> parse_submission(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const boost::json::object& o = parsed.get_object();
  const boost::json::value* host = o.if_contains("host");
  const boost::json::value* key = o.if_contains("key");
  const boost::json::value* location = o.if_contains("keyLocation");
  const boost::json::value* list = o.if_contains("urlList");
  if (!host || !host->is_string() || !key || !key->is_string() || !list || !list->is_array()) return std::nullopt;
  if (location && !location->is_string()) return std::nullopt;
  Submission s{std::string(host->get_string()), std::string(key->get_string()),
               location ? std::string(location->get_string()) : "", {}};
  for (const boost::json::value& url : list->get_array()) {
    if (!url.is_string()) return std::nullopt;
    s.urls.emplace_back(url.get_string());
  }
  return s;
}

bool key_shaped(const std::string& key) {
  return key.size() >= 8 && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

bool of_host(const std::string& url, const std::string& host) {
  auto parsed = boost::urls::parse_uri(url);
  return parsed && parsed->host() == host;
}

}  // namespace

IndexNowFake::IndexNowFake(KeyFetch fetch, Mode mode) {
  receiver_.set_behavior([state = state_, fetch = std::move(fetch), mode](const ReceivedRequest& request, int) {
    if (request.method != "POST" || request.target != kPath) return Reply::with_status(404);
    if (request.header("content-type").rfind("application/json", 0) != 0) return Reply::with_status(400, "Bad request");
    std::optional<Submission> s = parse_submission(request.body);
    if (!s || s->urls.empty() || s->urls.size() > kMaxUrls) return Reply::with_status(400, "Bad request");
    bool hosts = std::all_of(s->urls.begin(), s->urls.end(), [&](const std::string& u) { return of_host(u, s->host); });
    if (!hosts || !key_shaped(s->key)) return Reply::with_status(422, "Unprocessable Entity");
    std::string location = s->key_location.empty() ? "https://" + s->host + "/" + s->key + ".txt" : s->key_location;
    std::optional<std::string> file = fetch(location);
    if (file) file->erase(file->find_last_not_of("\r\n") + 1);
    if (!file || *file != s->key) return Reply::with_status(403, "Forbidden");
    std::lock_guard<std::mutex> lock(state->mutex);
    if (state->rate_limited > 0) {
      --state->rate_limited;
      return Reply::retry_after(std::to_string(state->retry_after));
    }
    state->accepted.push_back(s->urls);
    return Reply::with_status(mode == Mode::accepted ? 202 : 200);
  });
}

std::string IndexNowFake::endpoint() const { return receiver_.url(kPath); }

void IndexNowFake::rate_limit(int count, int seconds) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->rate_limited = count;
  state_->retry_after = seconds;
}

std::vector<std::vector<std::string>> IndexNowFake::accepted() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->accepted;
}

}  // namespace herald::test
