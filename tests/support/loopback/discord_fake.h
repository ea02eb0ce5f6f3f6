// A Discord webhook for tests (docs/targets.md "Discord"), on HttpReceiver:
// POST /api/webhooks/<id>/<token>?wait=true answers the message
// {"id", "channel_id": "22", "guild_id": "33", ...} (204 without wait=true);
// a wrong path answers 404 {"message": "Unknown Webhook", "code": 10015}.
// Modes: ok (a text channel: a body with "thread_name" answers 400 code
// 220003 "Webhooks can only create threads in forum channels"); forum (a
// forum channel: a body without "thread_name" answers 400 code 220001,
// one over 100 characters 400 code 50035; else the message opens a thread,
// whose id is the answer's channel_id, 6000 + the request's index);
// rate_limited_once (the first request gets 429 with body retry_after and
// Retry-After); deleted (every request: 404 Unknown Webhook).
#pragma once

#include <string>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

class DiscordFake {
 public:
  enum class Mode { ok, forum, rate_limited_once, deleted };
  explicit DiscordFake(Mode mode = Mode::ok, double retry_after_seconds = 1.0);

  std::string webhook_url() const;  // the target's url
  const HttpReceiver& receiver() const { return receiver_; }

 private:
  HttpReceiver receiver_;
};

}  // namespace herald::test
