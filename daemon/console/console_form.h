// The console's request pieces: form bodies (application/x-www-form-
// urlencoded, read by Boost.URL with '+' as a space) and the session
// cookie (read from the Cookie header by Beast's parameter list), and the
// Set-Cookie values the console sends. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/status.h"

namespace herald {

inline constexpr char kSessionCookie[] = "herald_session";

// Each field's values in order; failed when `body` is not a form.
Result<std::multimap<std::string, std::string>> parse_form(std::string_view body);
// The first value of `name`, or nullopt.
std::optional<std::string> form_value(const std::multimap<std::string, std::string>& form, const std::string& name);
std::vector<std::string> form_values(const std::multimap<std::string, std::string>& form, const std::string& name);

// The session cookie's value in a Cookie header ("" when absent).
std::string session_cookie(std::string_view cookie_header);
// "herald_session=<id>; Path=/; Max-Age=<s>; HttpOnly; SameSite=Strict[; Secure]";
// an empty `id` with max age 0 ends the cookie.
std::string session_set_cookie(const std::string& id, std::int64_t max_age_seconds, bool secure);

}  // namespace herald
