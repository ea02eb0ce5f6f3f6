#include "daemon/net/http_transfer.h"

#include <arpa/inet.h>
#include <curl/header.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <boost/algorithm/string/case_conv.hpp>

#include "daemon/targets/http_error_text.h"
#include "feeds/string_util.h"

namespace herald {

namespace {

bool valid_header(const std::pair<std::string, std::string>& header) {
  const auto& [name, value] = header;
  auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && name.find_first_of(": \t") == std::string::npos &&
         std::none_of(name.begin(), name.end(), bad) &&
         std::none_of(value.begin(), value.end(), bad);
}

}  // namespace

HttpTransfer::HttpTransfer() : easy_(curl_easy_init()) { errbuf_[0] = '\0'; }

HttpTransfer::~HttpTransfer() {
  clear();
  if (easy_) curl_easy_cleanup(easy_);
}

HttpTransfer* HttpTransfer::of(CURL* easy) {
  char* self = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &self);
  return reinterpret_cast<HttpTransfer*>(self);
}

std::string HttpTransfer::start(HttpRequest request, HttpClient::Callback done,
                                const std::string& user_agent) {
  request_ = std::move(request);
  done_ = std::move(done);
  body_.clear();
  truncated_ = false;
  refused_address_.clear();
  started_ = std::chrono::steady_clock::now();
  if (std::string error = set_headers(); !error.empty()) return error;
  std::optional<AddressRanges> allowed = AddressRanges::parse(request_.allowed_networks);
  if (!allowed) return "not a list of networks (CIDR): the configuration checks them";
  allowed_ = std::move(*allowed);
  if (CURLcode rc = configure(user_agent); rc != CURLE_OK) {
    return transfer_error_text(curl_easy_strerror(rc), "", request_.url);
  }
  return "";
}

CURLcode HttpTransfer::configure(const std::string& user_agent) {
  curl_easy_reset(easy_);
  errbuf_[0] = '\0';
  auto ms = [](std::chrono::milliseconds d) { return static_cast<long>(d.count()); };
  for (CURLcode rc : {
           curl_easy_setopt(easy_, CURLOPT_PRIVATE, this),
           curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, errbuf_),
           curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L),
           curl_easy_setopt(easy_, CURLOPT_URL, request_.url.c_str()),
           curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https"),
           curl_easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
           curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 0L),
           curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, 1L),
           curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, 2L),
           request_.ca_file.empty() ? CURLE_OK
                                    : curl_easy_setopt(easy_, CURLOPT_CAINFO, request_.ca_file.c_str()),
           curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, ms(request_.connect_timeout)),
           curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, ms(request_.timeout)),
           curl_easy_setopt(easy_, CURLOPT_USERAGENT, user_agent.c_str()),
           curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_),
           curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &HttpTransfer::on_body),
           curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this),
           curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &HttpTransfer::on_open_socket),
           curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this),
           set_method(),
       }) {
    if (rc != CURLE_OK) return rc;
  }
  return CURLE_OK;
}

// curl copies each part's data (curl_mime_data), so the form may change
// after this; the handle lives until clear().
CURLcode HttpTransfer::set_form() {
  mime_ = curl_mime_init(easy_);
  if (mime_ == nullptr) return CURLE_OUT_OF_MEMORY;
  for (const FormPart& part : request_.form) {
    curl_mimepart* added = curl_mime_addpart(mime_);
    if (added == nullptr) return CURLE_OUT_OF_MEMORY;
    CURLcode rc = curl_mime_name(added, part.name.c_str());
    if (rc == CURLE_OK) rc = curl_mime_data(added, part.data.data(), part.data.size());
    if (rc == CURLE_OK && !part.filename.empty()) rc = curl_mime_filename(added, part.filename.c_str());
    if (rc == CURLE_OK && !part.content_type.empty()) rc = curl_mime_type(added, part.content_type.c_str());
    if (rc != CURLE_OK) return rc;
  }
  CURLcode rc = curl_easy_setopt(easy_, CURLOPT_MIMEPOST, mime_);
  if (rc != CURLE_OK || request_.method == "POST") return rc;
  return curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, request_.method.c_str());
}

CURLcode HttpTransfer::set_method() {
  const std::string& method = request_.method;
  if (!request_.form.empty()) return set_form();
  if (method == "GET" && request_.body.empty()) return curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
  if (method == "HEAD") return curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L);
  if (method == "POST" || !request_.body.empty()) {
    // curl keeps the pointer: the body lives in request_ until clear().
    CURLcode rc = curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE,
                                   static_cast<curl_off_t>(request_.body.size()));
    if (rc == CURLE_OK) rc = curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, request_.body.data());
    if (rc != CURLE_OK || method == "POST") return rc;
  }
  return curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
}

std::string HttpTransfer::set_headers() {
  for (const auto& header : request_.headers) {
    if (!valid_header(header)) return "invalid request header \"" + header.first + "\"";
  }
  auto append = [this](const std::string& line) {
    curl_slist* list = curl_slist_append(header_list_, line.c_str());
    if (list) header_list_ = list;
    return list != nullptr;
  };
  std::string line;
  for (const auto& [name, value] : request_.headers) {
    // "Name;" is curl's way to send a header with an empty value.
    line.assign(name).append(value.empty() ? ";" : ": ").append(value);
    if (!append(line)) return "out of memory";
  }
  if (!append("Expect:")) return "out of memory";  // no 100-continue round trip
  return "";
}

std::size_t HttpTransfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  std::size_t length = size * count;
  std::size_t room = transfer->request_.max_response_bytes - transfer->body_.size();
  if (length > room) {
    transfer->body_.append(data, room);
    transfer->truncated_ = true;
    return 0;  // stops the transfer (CURLE_WRITE_ERROR), see finish()
  }
  transfer->body_.append(data, length);
  return length;
}

HttpResponse HttpTransfer::base_response() const {
  HttpResponse response;
  response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_);
  response.effective_host = url_host(request_.url).value_or("");
  return response;
}

// Judges each address curl is about to connect to (every one it tries).
curl_socket_t HttpTransfer::on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  if (purpose == CURLSOCKTYPE_IPCXN && transfer->request_.public_addresses_only) {
    boost::asio::ip::address ip;
    if (address->family == AF_INET) {
      const auto* in4 = reinterpret_cast<const sockaddr_in*>(&address->addr);
      ip = boost::asio::ip::address_v4(ntohl(in4->sin_addr.s_addr));
    } else if (address->family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
      boost::asio::ip::address_v6::bytes_type bytes;
      std::memcpy(bytes.data(), in6->sin6_addr.s6_addr, bytes.size());
      ip = boost::asio::ip::address_v6(bytes);
    }
    if (ip.is_unspecified() || !reachable_from_post(ip, transfer->allowed_)) {
      transfer->refused_address_ = ip.to_string();
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

HttpResponse HttpTransfer::finish(CURLcode result) {
  if (!refused_address_.empty() && result != CURLE_OK) {
    return fail("refused to connect to " + refused_address_ +
                ": a loopback, private, link-local or multicast address (a post's URL may reach "
                "only public addresses; see delivery.image_networks)");
  }
  if (result != CURLE_OK && !(result == CURLE_WRITE_ERROR && truncated_)) {
    HttpResponse response = fail(transfer_error_text(curl_easy_strerror(result), errbuf_, request_.url));
    response.timed_out = result == CURLE_OPERATION_TIMEDOUT;
    return response;
  }
  HttpResponse response = base_response();
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  for (curl_header* h = nullptr; (h = curl_easy_nextheader(easy_, CURLH_HEADER, -1, h));) {
    response.headers.emplace_back(boost::algorithm::to_lower_copy(std::string(h->name)), h->value);
  }
  response.body = std::move(body_);
  return response;
}

HttpResponse HttpTransfer::fail(std::string error) {
  HttpResponse response = base_response();
  response.error = std::move(error);
  return response;
}

void HttpTransfer::clear() {
  curl_slist_free_all(header_list_);
  header_list_ = nullptr;
  curl_mime_free(mime_);
  mime_ = nullptr;
  request_ = HttpRequest{};
  done_ = nullptr;
  body_.clear();
}

}  // namespace herald
