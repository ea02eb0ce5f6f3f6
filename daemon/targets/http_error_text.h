// Readable error text for a failed outgoing HTTP request that never reveals
// the secret parts of its URL. Webhook URLs embed tokens in the path, query,
// fragment or userinfo ("https://hooks.example/T0K3N?key=..."), and error
// texts end up in logs, `herald status` and the outbox.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// Removes every occurrence of the URL's secret parts from `text`: the whole
// URL; its userinfo, path, query, fragment, path?query and
// path?query#fragment in encoded and decoded form (parts of 2 characters or
// more: a bare "/" stays); each path segment or query value of 8 characters
// or more. Each removal leaves "[redacted]". A URL Boost.URL
// cannot parse redacts only itself; callers should then drop details (see
// transfer_error_text).
std::string redact_url(std::string text, std::string_view url);

// "<what>: <detail>" with the URL's secrets redacted from `detail`, or just
// `what` when `detail` is empty or the URL does not parse (the detail might
// then quote parts the redaction cannot find). E.g.
// transfer_error_text("Couldn't connect to server",
//                     "Failed to connect to 127.0.0.1 port 9 after 0 ms: ...", url).
std::string transfer_error_text(std::string_view what, std::string_view detail,
                                std::string_view url);

}  // namespace herald
