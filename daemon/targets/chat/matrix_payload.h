// Matrix client-server API request (docs/targets.md "Matrix"):
//
//   PUT {homeserver}/_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}
//   Authorization: Bearer <token>
//   {"msgtype": "m.notice", "body": the template's text (plain),
//    "format": "org.matrix.custom.html",
//    "formatted_body": the same template with values escaped by escape_html
//                      and line breaks as <br>}
//
// roomId and txnId are percent-encoded (everything but unreserved
// characters: "!abc:example.org" -> "%21abc%3Aexample.org"). txnId is the
// delivery's message id, the same on every attempt, so the homeserver
// answers a retry with the event it already made. Each text is fitted to
// 16,000 UTF-8 bytes (an event may hold 65,536).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/targets/post_text.h"
#include "daemon/text/post_snapshot.h"

namespace herald {

inline constexpr std::size_t kMatrixTextBytes = 16000;

// The send URL; nullopt when `homeserver` does not parse.
std::optional<std::string> matrix_send_url(std::string_view homeserver, std::string_view room_id,
                                           std::string_view txn_id);

// The event content for `post`; failed when the text cannot fit.
Result<std::string> matrix_body(const SnapshotFields& post, const PostText& text);

}  // namespace herald
