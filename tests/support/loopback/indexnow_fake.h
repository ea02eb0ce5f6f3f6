// An IndexNow endpoint for tests (https://www.indexnow.org/documentation),
// on HttpReceiver: POST /indexnow with Content-Type application/json and
// {"host", "key", "keyLocation", "urlList"} answers as the documentation says:
//   400  not such a JSON object, a member missing or mistyped, urlList empty
//        or longer than 10,000 URLs
//   422  a URL whose host is not `host`, or a key outside 8-128 [a-zA-Z0-9-]
//   403  the key file at keyLocation (read through `fetch`, the way the real
//        service fetches it: a test reads it from herald's own server) is
//        missing or does not hold the key
//   429  with Retry-After: the first `rate_limited` submissions
//   200  otherwise (202 in Mode::accepted): the batch is recorded
// A 403 comes only after the shape and the URLs are good, as with the
// real service. Thread-safe like HttpReceiver.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

class IndexNowFake {
 public:
  enum class Mode { ok, accepted };
  // The body served at a key location; nullopt when it answers no 200.
  using KeyFetch = std::function<std::optional<std::string>(const std::string& key_location)>;

  explicit IndexNowFake(KeyFetch fetch, Mode mode = Mode::ok);

  std::string endpoint() const;  // the target's endpoint
  // The next `count` submissions answer 429 with Retry-After: `seconds`.
  void rate_limit(int count, int seconds);
  // The URL lists of the submissions answered 200/202, in arrival order.
  std::vector<std::vector<std::string>> accepted() const;
  const HttpReceiver& receiver() const { return receiver_; }

 private:
  struct State {
    std::mutex mutex;
    std::vector<std::vector<std::string>> accepted;
    int rate_limited = 0;
    int retry_after = 1;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  HttpReceiver receiver_;
};

}  // namespace herald::test
