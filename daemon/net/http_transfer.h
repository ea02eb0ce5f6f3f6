// One request of HttpClient on its curl easy handle: sets the handle up
// from an HttpRequest under the client's policy (see daemon/net/http_client.h)
// and turns curl's result into an HttpResponse. The handle is reused for
// later requests (curl_easy_reset keeps nothing of the previous one).
//
// A transfer belongs to the client's thread. While it is added to a multi
// handle it must stay at the same address (curl holds pointers into it).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "daemon/net/address_policy.h"
#include "daemon/net/http_client.h"

namespace herald {

class HttpTransfer {
 public:
  HttpTransfer();  // check easy() for allocation failure
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  CURL* easy() const { return easy_; }
  static HttpTransfer* of(CURL* easy);  // the transfer an easy handle belongs to

  // Takes the request and sets every option. On failure returns the error
  // text (the transfer must not be started), else "".
  std::string start(HttpRequest request, HttpClient::Callback done, const std::string& user_agent);
  // The response for curl's result, once the transfer left the multi handle.
  HttpResponse finish(CURLcode result);
  // A response that never got to the peer: `error` set, status 0.
  HttpResponse fail(std::string error);
  HttpClient::Callback take_callback() { return std::move(done_); }
  // Frees what the request held (headers list, body); the handle stays.
  void clear();

  std::size_t active_index = 0;  // the client's bookkeeping

 private:
  CURLcode configure(const std::string& user_agent);
  CURLcode set_method();
  CURLcode set_form();
  std::string set_headers();
  HttpResponse base_response() const;
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);

  CURL* easy_;
  char errbuf_[CURL_ERROR_SIZE];
  curl_slist* header_list_ = nullptr;
  curl_mime* mime_ = nullptr;  // request_.form, while the transfer runs
  HttpRequest request_;
  HttpClient::Callback done_;
  std::string body_;  // the response body so far
  bool truncated_ = false;
  AddressRanges allowed_;        // request_.allowed_networks, parsed
  std::string refused_address_;  // an address public_addresses_only kept curl from
  std::chrono::steady_clock::time_point started_;
};

}  // namespace herald
