// fetch_now: one HTTP request sent and answered before returning, on a
// private io_context and HttpClient (the policy of http_client.h: TLS
// verified, no redirects, the address fence of public_addresses_only).
// For the rare fetch that cannot wait for a loop (a post's image made into
// its variants when the delivery is recorded); bounded by the request's
// own timeouts.
#pragma once

#include "daemon/targets/http_exchange.h"

namespace herald {

HttpResponse fetch_now(const HttpRequest& request);

}  // namespace herald
