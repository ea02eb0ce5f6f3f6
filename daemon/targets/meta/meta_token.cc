#include "daemon/targets/meta/meta_token.h"

#include <charconv>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/targets/graph_answer.h"
#include "daemon/targets/json_exchange.h"

namespace herald {
namespace {

namespace json = boost::json;

std::int64_t integer_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_int64() ? value->get_int64() : 0;
}

}  // namespace

std::string meta_token_state(const MetaToken& token) {
  return json::serialize(json::object{{"seed", token.seed},
                                      {"token", token.token},
                                      {"obtained_ms", token.obtained_ms},
                                      {"expires_at_ms", token.expires_at_ms}});
}

MetaToken read_meta_token(const std::optional<std::string>& state, const std::string& seed, std::int64_t now_ms) {
  MetaToken fresh{seed, seed, now_ms, 0};
  if (!state) return fresh;
  boost::system::error_code ec;
  json::value parsed = json::parse(*state, ec);
  if (ec || !parsed.is_object()) return fresh;
  const json::object& o = parsed.get_object();
  MetaToken kept{json_member(*state, {"seed"}), json_member(*state, {"token"}), integer_member(o, "obtained_ms"),
                 integer_member(o, "expires_at_ms")};
  if (kept.seed != seed || kept.token.empty()) return fresh;
  return kept;
}

HttpRequest meta_refresh_request(const std::string& url, const std::string& grant, const std::string& token) {
  boost::urls::url target(url + "/refresh_access_token");
  target.params().append({"grant_type", grant});
  target.params().append({"access_token", token});
  HttpRequest request;
  request.method = "GET";
  request.url = std::string(target.buffer());
  return request;
}

MetaTokenAnswer read_meta_token_answer(const HttpResponse& response, const MetaToken& before, std::int64_t now_ms) {
  MetaTokenAnswer answer;
  std::string token = response.status == 200 ? json_member(response.body, {"access_token"}) : "";
  if (!token.empty()) {
    std::string expires_in = json_member(response.body, {"expires_in"});
    std::int64_t seconds = 0;
    std::from_chars(expires_in.data(), expires_in.data() + expires_in.size(), seconds);
    answer.reply = MetaTokenReply::renewed;
    answer.token = MetaToken{before.seed, token, now_ms, seconds > 0 ? now_ms + seconds * 1000 : 0};
    return answer;
  }
  GraphError error = read_graph_error(response.body);
  answer.reply = error.kind == GraphErrorClass::token ? MetaTokenReply::refused : MetaTokenReply::failed;
  answer.detail = error.code != 0 ? error.describe()
                                  : response.status == 0 ? "no answer" : "HTTP " + std::to_string(response.status);
  return answer;
}

}  // namespace herald
