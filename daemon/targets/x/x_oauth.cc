#include "daemon/targets/x/x_oauth.h"

#include <boost/json.hpp>

#include "daemon/targets/base64.h"
#include "daemon/targets/json_exchange.h"
#include "daemon/targets/json_reading.h"

namespace herald {

namespace json = boost::json;

std::string x_tokens_state(const XTokens& tokens) {
  return json::serialize(json::object{{"seed", tokens.seed},
                                      {"refresh_token", tokens.refresh_token},
                                      {"access_token", tokens.access_token},
                                      {"expires_at_ms", tokens.expires_at_ms},
                                      {"user_id", tokens.user_id}});
}

XTokens read_x_tokens(const std::optional<std::string>& state, const std::string& seed) {
  XTokens fresh{seed, seed, "", 0, ""};
  if (!state) return fresh;
  boost::system::error_code ec;
  json::value parsed = json::parse(*state, ec);
  if (ec || !parsed.is_object()) return fresh;
  const json::object& o = parsed.get_object();
  if (json_text(o, "seed") != seed || json_text(o, "refresh_token").empty()) return fresh;
  XTokens kept{seed, json_text(o, "refresh_token"), json_text(o, "access_token"), 0, json_text(o, "user_id")};
  if (const json::value* at = o.if_contains("expires_at_ms"); at && at->is_int64()) kept.expires_at_ms = at->get_int64();
  return kept;
}

HttpRequest x_refresh_request(const std::string& api, const std::string& client_id,
                              const std::string& client_secret, const std::string& refresh_token) {
  HttpRequest request = form_request(
      "POST", api + "/2/oauth2/token",
      {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}, {"client_id", client_id}});
  if (!client_secret.empty()) {
    request.headers.emplace_back("authorization", "Basic " + base64_encode(client_id + ":" + client_secret));
  }
  return request;
}

XTokenAnswer read_x_token_answer(const HttpResponse& response, const XTokens& before, std::int64_t now_ms) {
  XTokenAnswer answer;
  boost::system::error_code ec;
  json::value parsed = json::parse(response.body, ec);
  const json::object* body = !ec && parsed.is_object() ? &parsed.get_object() : nullptr;
  if (response.status == 200 && body) {
    answer.tokens = before;
    answer.tokens.access_token = json_text(*body, "access_token");
    std::string refresh = json_text(*body, "refresh_token");
    if (!refresh.empty()) answer.tokens.refresh_token = refresh;
    std::int64_t expires_in = 7200;
    if (const json::value* at = body->if_contains("expires_in"); at && at->is_number()) {
      expires_in = at->to_number<std::int64_t>();
    }
    answer.tokens.expires_at_ms = now_ms + expires_in * 1000;
    if (!answer.tokens.access_token.empty()) {
      answer.reply = XTokenReply::renewed;
      return answer;
    }
  }
  std::string error = body ? json_text(*body, "error") : "";
  std::string description = body ? json_text(*body, "error_description") : "";
  answer.detail = response.status == 0 ? response.error
                                       : "HTTP " + std::to_string(response.status) +
                                             (error.empty() ? "" : " " + error) +
                                             (description.empty() ? "" : ": " + description);
  bool refused = response.status == 400 || response.status == 401 || response.status == 403;
  answer.reply = refused ? XTokenReply::refused : XTokenReply::retry;
  return answer;
}

}  // namespace herald
