// The reason phrases of the registered HTTP status codes, as herald shows
// them after the code in messages ("HTTP 410 Gone"). The same phrases as
// the server's responses (Boost.Beast's table), kept here so that the pure
// layers name a status without an HTTP library.
#pragma once

#include <string_view>

namespace herald {

// "Gone" for 410; "" for a code without a registered phrase (425, 599...).
std::string_view http_reason_phrase(int status);

}  // namespace herald
