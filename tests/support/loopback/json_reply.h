// A JSON answer for the fake network servers: `status`, Content-Type
// application/json, `body` serialized.
#pragma once

#include <boost/json.hpp>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

inline Reply json_reply(int status, const boost::json::object& body) {
  Reply reply = Reply::with_status(status, boost::json::serialize(body));
  reply.headers.emplace_back("Content-Type", "application/json");
  return reply;
}

}  // namespace herald::test
