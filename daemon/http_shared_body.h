// A Beast body type whose value is a shared, immutable string: file bytes go
// out of the cache without a copy and stay alive while a response is in
// flight. A null value is an empty body (HEAD, 304). Content-Length is set by
// whoever builds the message (prepare_payload is never needed).
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace herald {

struct SharedBody {
  using value_type = std::shared_ptr<const std::string>;

  static std::uint64_t size(const value_type& body) { return body ? body->size() : 0; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&, const value_type& body)
        : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      ec = {};
      if (!body_ || body_->empty()) return boost::none;
      return std::make_pair(boost::asio::buffer(*body_), false);
    }

   private:
    const value_type& body_;
  };
};

using HttpResponse = boost::beast::http::response<SharedBody>;

}  // namespace herald
