// The Telegram Bot API for tests (docs/targets.md "Telegram"), on
// HttpReceiver: POST /bot<token>/sendMessage and /sendPhoto answer
// {"ok": true, "result": {"message_id", "chat": {"username": "noticias"}}}.
// A wrong token: 401 Unauthorized. HTML other than the tags Telegram
// accepts (a "<p" in text or caption): 400 "Bad Request: can't parse
// entities". A link_preview_options that is not an object of the Bot
// API's members (is_disabled, url, prefer_small_media, prefer_large_media,
// show_above_text) of their types, or that prefers small and large media
// at once: 400 "Bad Request: can't parse link preview options JSON object".
// Modes: ok; rate_limited_once (429 with parameters.retry_after
// first); photo_refused (sendPhoto: 400 "wrong file identifier/HTTP URL
// specified"); kicked (403 "Forbidden: bot was kicked from the channel chat").
#pragma once

#include <string>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

class TelegramFake {
 public:
  enum class Mode { ok, rate_limited_once, photo_refused, kicked };
  static constexpr const char* kToken = "123456:TeLeGrAmSeCrEt-abcdef0123";

  explicit TelegramFake(Mode mode = Mode::ok, int retry_after_seconds = 1);

  std::string api_url() const;  // the target's url (the token goes in `token`)
  const HttpReceiver& receiver() const { return receiver_; }

 private:
  HttpReceiver receiver_;
};

}  // namespace herald::test
