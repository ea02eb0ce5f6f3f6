#include "daemon/console/console_form.h"

#include <boost/beast/http/rfc7230.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace herald {

Result<std::multimap<std::string, std::string>> parse_form(std::string_view body) {
  auto parsed = boost::urls::parse_query(body);
  if (!parsed) return Status::failed("the form is not application/x-www-form-urlencoded");
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;
  boost::urls::params_view params(body, opt);  // valid: parse_query accepted it
  std::multimap<std::string, std::string> out;
  for (const boost::urls::param& p : params) out.emplace(p.key, p.has_value ? p.value : std::string());
  return out;
}

std::optional<std::string> form_value(const std::multimap<std::string, std::string>& form, const std::string& name) {
  auto found = form.find(name);
  if (found == form.end()) return std::nullopt;
  return found->second;
}

std::vector<std::string> form_values(const std::multimap<std::string, std::string>& form, const std::string& name) {
  std::vector<std::string> values;
  auto [first, last] = form.equal_range(name);
  for (auto it = first; it != last; ++it) values.push_back(it->second);
  return values;
}

std::string session_cookie(std::string_view cookie_header) {
  // "a=1; herald_session=x" read as the parameters of ";a=1; herald_session=x".
  std::string params = ";" + std::string(cookie_header);
  for (const auto& param : boost::beast::http::param_list(params)) {
    if (param.first == kSessionCookie) return std::string(param.second);
  }
  return "";
}

std::string session_set_cookie(const std::string& id, std::int64_t max_age_seconds, bool secure) {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

}  // namespace herald
