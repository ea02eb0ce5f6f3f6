// The values of one outgoing HTTP exchange: the request a target driver
// asks for and the response it reads. Plain data, no I/O: daemon/net's
// HttpClient sends them, drivers and their tests build and read them.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace herald {

// One part of a multipart/form-data body (a Mastodon media upload).
struct FormPart {
  std::string name;
  std::string data;
  std::string filename;      // non-empty: sent as a file part with this name
  std::string content_type;  // empty: curl's default for the part
};

struct HttpRequest {
  std::string method = "POST";  // GET, HEAD, POST or any other verb (sent as given)
  std::string url;              // http:// or https://
  // Sent as given, in order; names and values must not contain CR or LF.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;             // sent when non-empty (and always with POST)
  std::vector<FormPart> form;   // non-empty: the body is multipart/form-data of these parts
                                // (curl's MIME API writes it; `body` is ignored)
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};  // the whole request, connect included
  std::string ca_file;          // PEM bundle; empty: the system store
  std::size_t max_response_bytes = 1 << 20;
  // A URL taken from a post (an image to upload): connect only to public
  // addresses, or to these networks (CIDR), judged after resolution
  // (daemon/net/address_policy.h).
  bool public_addresses_only = false;
  std::vector<std::string> allowed_networks;
};

struct HttpResponse {
  int status = 0;  // 0: no (complete) HTTP response; see `error`
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;     // truncated at max_response_bytes
  std::string error;    // transport error, readable, never the URL path/query; "cancelled"
  bool timed_out = false;  // connect_timeout or timeout expired
  std::chrono::milliseconds elapsed{0};  // from submit() to the answer
  std::string effective_host;  // the URL's host ("hooks.example.com", "127.0.0.1", "[::1]")

  // The first header with this lower-case name, or "" when absent.
  std::string header(const std::string& name) const;
};

}  // namespace herald
