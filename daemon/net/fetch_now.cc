#include "daemon/net/fetch_now.h"

#include <optional>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "daemon/net/http_client.h"

namespace herald {

HttpResponse fetch_now(const HttpRequest& request) {
  boost::asio::io_context io;
  std::optional<HttpResponse> answer;
  {
    HttpClient client(io, HttpClientOptions{.max_total_connections = 1, .max_connections_per_host = 1});
    client.submit(request, [&](HttpResponse response) {
      answer = std::move(response);
      io.stop();  // the client's idle connection would keep run() going
    });
    io.run();
  }
  if (!answer) {
    HttpResponse lost;
    lost.error = "no answer";
    return lost;
  }
  return *std::move(answer);
}

}  // namespace herald
