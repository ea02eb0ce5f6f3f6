// A Matrix homeserver for tests (docs/targets.md "Matrix"), on HttpReceiver:
// PUT /_matrix/client/v3/rooms/<room>/send/m.room.message/<txnId> with
// "Authorization: Bearer <kToken>" answers {"event_id"}; the same txnId
// again answers the same event_id (the event is made once: events()
// counts them). A wrong token: 401 M_UNKNOWN_TOKEN. Modes: ok;
// rate_limited_once (429 M_LIMIT_EXCEEDED with retry_after_ms first);
// first_reply_lost (the first request makes its event, then hangs: the
// client times out and retries); forbidden (403 M_FORBIDDEN).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

class MatrixFake {
 public:
  enum class Mode { ok, rate_limited_once, first_reply_lost, forbidden };
  static constexpr const char* kToken = "syt_bWF0cml4_MaTrIxSeCrEt_0123";
  static constexpr const char* kRoom = "!noticias:example.org";

  explicit MatrixFake(Mode mode = Mode::ok, int retry_after_ms = 1000);

  std::string homeserver_url() const;
  const HttpReceiver& receiver() const { return receiver_; }
  std::size_t events() const;  // distinct events made

 private:
  struct State;
  std::shared_ptr<State> state_;
  HttpReceiver receiver_;
};

}  // namespace herald::test
