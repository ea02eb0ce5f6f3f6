// Drives a libcurl multi handle from a Boost.Asio io_context (the
// multi_socket_action API): curl says which sockets to wait on and when to
// time out; the loop waits with Asio and tells curl what happened. Finished
// transfers are removed from the multi handle and reported to `on_done`.
//
// Asio never owns curl's sockets: each one gets a posix::stream_descriptor
// used only for async_wait, released (never closed) when curl stops watching
// the socket or closes it (every easy handle must go through prepare() so
// that its connections tell the loop before they close). Watches are kept by
// fd with a generation number, so a late completion for a reused fd number
// is dropped. curl is never called from inside one of its own callbacks.
//
// One thread: every member function runs on the io_context's thread (or
// before it runs). `on_done` runs from the loop's completion handlers, never
// inside add() or remove(); it must not destroy the loop, and may add and
// remove transfers. Nothing throws out of this class.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace herald {

struct CurlMultiSettings {
  long max_total_connections = 0;     // CURLMOPT_MAX_TOTAL_CONNECTIONS; 0: no limit
  long max_host_connections = 0;      // CURLMOPT_MAX_HOST_CONNECTIONS (per host:port); 0: no limit
  long max_cached_connections = 0;    // CURLMOPT_MAXCONNECTS; 0: curl's default
};

class CurlMultiLoop {
 public:
  using DoneHandler = std::function<void(CURL* easy, CURLcode result)>;

  // REQUIRES: `io` outlives the loop.
  CurlMultiLoop(boost::asio::io_context& io, CurlMultiSettings settings, DoneHandler on_done);
  // Closes every connection. REQUIRES: no transfer is still added.
  ~CurlMultiLoop();
  CurlMultiLoop(const CurlMultiLoop&) = delete;
  CurlMultiLoop& operator=(const CurlMultiLoop&) = delete;

  // Sets the options every easy handle of this loop needs (close-socket
  // callback); call after each curl_easy_reset and before add().
  CURLcode prepare(CURL* easy);
  // Starts a transfer; it progresses once the io_context runs.
  CURLMcode add(CURL* easy);
  // Stops a transfer that has not finished (on_done is not called for it).
  void remove(CURL* easy);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace herald
