#include "daemon/targets/json_exchange.h"

#include <array>
#include <utility>

#include <boost/json.hpp>

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

}  // namespace herald
