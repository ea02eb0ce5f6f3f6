#include "daemon/targets/json_exchange.h"

#include <array>
#include <utility>

#include <boost/json.hpp>
#include <boost/url.hpp>

namespace herald {
namespace {

// curl errors that happen before the request is written: nothing was sent.
constexpr std::array<std::string_view, 4> kNotSent = {
    "Couldn't connect", "Couldn't resolve", "Could not resolve", "Failed to connect"};

}  // namespace

bool is_ambiguous(const HttpResponse& response) {
  if (response.status != 0 || response.error == "cancelled") return false;
  for (std::string_view prefix : kNotSent) {
    if (response.error.find(prefix) != std::string::npos) return false;
  }
  return true;
}

std::string json_member(std::string_view body, std::initializer_list<std::string_view> path) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec) return "";
  const boost::json::value* at = &parsed;
  for (std::string_view key : path) {
    if (!at->is_object()) return "";
    at = at->get_object().if_contains(key);
    if (at == nullptr) return "";
  }
  if (at->is_string()) return std::string(at->get_string());
  if (at->is_int64()) return std::to_string(at->get_int64());
  if (at->is_uint64()) return std::to_string(at->get_uint64());
  return "";
}

HttpRequest json_request(std::string method, std::string url, std::string body) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers.emplace_back("content-type", "application/json");
  return request;
}

HttpRequest form_request(std::string method, std::string url,
                         const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
  boost::urls::url form;
  for (const auto& [name, value] : fields) form.params().append({name, value});
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.body = std::string(form.encoded_query());
  request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  return request;
}

DeliveryOutcome sent_outcome(int http_status, std::string remote_id, std::string remote_url) {
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::sent;
  outcome.http_status = http_status;
  outcome.remote_id = std::move(remote_id);
  outcome.remote_url = std::move(remote_url);
  return outcome;
}

bool may_have_posted(const Delivery& delivery) {
  return delivery.attempts > 1 && (delivery.last_status == 0 || delivery.last_status >= 500);
}

}  // namespace herald
