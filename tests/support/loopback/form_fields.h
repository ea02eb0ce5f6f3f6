// A field of an application/x-www-form-urlencoded body, for the fakes and
// the tests that read what herald sent (Facebook's Graph API, X's OAuth).
#pragma once

#include <string>

#include <boost/url.hpp>

namespace herald::test {

// The decoded value of the first field `name` of `body`; "" when absent.
inline std::string form_field(const std::string& body, const std::string& name) {
  boost::urls::url form;
  form.set_encoded_query(body);
  auto found = form.params().find(name);
  return found == form.params().end() ? "" : std::string((*found).value);
}

}  // namespace herald::test
