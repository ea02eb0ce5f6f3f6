// A Mastodon server for tests, on top of HttpReceiver: the behaviour of
// the Mastodon card in docs/targets.md (shared/docs/targets.md).
//
//   GET  /api/v2/instance      configuration with max_characters (default
//                              120, to force shortening), 23 per URL,
//                              image/png and image/jpeg up to 1 MB; 404 when
//                              v2 is switched off, then GET /api/v1/instance
//   POST /api/v2/media         Bearer token checked; 202 {"id"} (processing)
//   GET  /api/v1/media/:id     206 while processing (once), then 200
//   POST /api/v1/statuses      Bearer token checked (401 otherwise); 422 when
//                              the text is longer than max_characters
//                              (counted the Mastodon way) or a media id is
//                              unknown or not processed yet; Idempotency-Key
//                              replay: the same key answers the status it
//                              made, never a second one; 200 {"id","url",...}
//   GET  /uploads/*            the site's images: a small PNG
//
// Programmable failures: the next N status posts answer 500 after making
// the status (a lost answer, so only the key prevents a duplicate), or 429
// with X-RateLimit-Limit/Remaining/Reset (Reset an ISO-8601 instant).
// Thread-safe; requests are answered on the receiver's thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

struct FakeStatus {
  std::string id;
  std::string url;
  std::string body;             // the JSON the client sent
  std::string idempotency_key;
  std::string token;            // the Bearer token it came with
};

struct FakeMedia {
  std::string id;
  std::string body;             // the multipart body the client sent
  std::string content_type;     // of the request (multipart/form-data; boundary=...)
  int polls_left = 0;           // 206 answers still to give
};

class MastodonFake {
 public:
  explicit MastodonFake(std::string token = "fake-token", std::size_t max_characters = 120);
  ~MastodonFake();
  MastodonFake(const MastodonFake&) = delete;
  MastodonFake& operator=(const MastodonFake&) = delete;

  // "http://127.0.0.1:<port>" (the server's url, also usable as a site url).
  std::string url() const;
  const HttpReceiver& receiver() const { return receiver_; }
  // The PNG served under /uploads/.
  static const std::string& png();

  // The next `count` status posts make their status, then answer 500.
  void lose_status_answers(int count);
  // The next `count` status posts answer 429 with a reset `wait` from now.
  void rate_limit_statuses(int count, std::chrono::milliseconds wait);
  // /api/v2/instance answers 404 (an older server).
  void without_v2_instance();

  std::vector<FakeStatus> statuses() const;  // made, in order
  std::vector<FakeMedia> media() const;      // uploaded, in order
  // Requests received whose path starts with `prefix` ("/api/v1/statuses").
  std::vector<ReceivedRequest> requests_to(const std::string& prefix) const;

 private:
  Reply answer(const ReceivedRequest& request);
  Reply post_status(const ReceivedRequest& request);
  Reply post_media(const ReceivedRequest& request);
  Reply get_media(const std::string& id);
  Reply instance() const;
  bool authorized(const ReceivedRequest& request) const;

  std::string token_;
  std::size_t max_characters_;
  mutable std::mutex mutex_;
  std::vector<FakeStatus> statuses_;
  std::vector<FakeMedia> media_;
  int lose_answers_ = 0;
  int rate_limited_ = 0;
  std::chrono::milliseconds rate_limit_wait_{0};
  bool v2_instance_ = true;
  int next_id_ = 100;
  HttpReceiver receiver_;  // last: stopped first, while the state above still exists
};

}  // namespace herald::test
