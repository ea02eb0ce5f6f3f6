// A Slack incoming webhook for tests (docs/targets.md "Slack"), on
// HttpReceiver: POST /services/T0/B0/<secret> with a JSON body holding
// "text" answers 200 "ok"; errors are plain-text bodies. Modes: ok;
// rate_limited_once (429 "rate_limited" with Retry-After: 1 first);
// archived (410 channel_is_archived); not_found (404 channel_not_found);
// prohibited (403 action_prohibited). A body without text: 400
// invalid_payload.
#pragma once

#include <string>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

class SlackFake {
 public:
  enum class Mode { ok, rate_limited_once, archived, not_found, prohibited };
  explicit SlackFake(Mode mode = Mode::ok);

  std::string webhook_url() const;
  const HttpReceiver& receiver() const { return receiver_; }

 private:
  HttpReceiver receiver_;
};

}  // namespace herald::test
