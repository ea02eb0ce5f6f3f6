// Whether a request's framing lets the connection go on (RFC 9112 §6).
// herald answers GET and HEAD, which carry no content, and never reads a
// body; so a request announcing one is refused before it is routed, and the
// connection is closed after the answer: bytes after the header are never
// parsed as another request (no request smuggling through a coding this
// server and a proxy in front of it read differently).
#pragma once

#include <cstdint>
#include <optional>

#include "daemon/serve/http_responder.h"

namespace herald {

// The status to refuse `request` with, or 0 when it may be answered:
//   501  Transfer-Encoding names a coding not in IANA's registry
//        ("xchunked", "identity"...);
//   400  any other Transfer-Encoding (chunked or not: a body of unknown
//        length), a malformed one, or Content-Length > 0 on GET or HEAD.
// `content_length` is what Beast's parser read (it refuses invalid and
// conflicting values itself). Another method with a Content-Length is left
// to the responder (405), and the connection closes after it as the body is
// unread.
unsigned request_framing_status(const IncomingRequest& request,
                                std::optional<std::uint64_t> content_length);

}  // namespace herald
