#include "daemon/net/curl_multi_loop.h"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <vector>

namespace herald {

namespace asio = boost::asio;

namespace {

// Asio's view of one curl socket: waits only, never reads, writes or closes.
struct Watch {
  Watch(asio::io_context& io, curl_socket_t fd, std::uint64_t generation)
      : descriptor(io, fd), generation(generation) {}
  ~Watch() { descriptor.release(); }  // aborts the waits; curl closes the fd
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  asio::posix::stream_descriptor descriptor;
  std::uint64_t generation;
  int what = 0;          // CURL_POLL_IN / OUT / INOUT: what curl waits for
  bool reading = false;  // an async_wait(wait_read) is pending
  bool writing = false;
};

}  // namespace

struct CurlMultiLoop::State : std::enable_shared_from_this<State> {
  State(asio::io_context& io, DoneHandler on_done)
      : io(io), timer(io), on_done(std::move(on_done)), multi(curl_multi_init()) {}

  asio::io_context& io;
  asio::steady_timer timer;
  DoneHandler on_done;
  CURLM* multi;
  std::vector<std::unique_ptr<Watch>> watches;  // indexed by fd
  std::uint64_t next_generation = 1;

  Watch* find(curl_socket_t fd, std::uint64_t generation) {
    if (fd < 0 || static_cast<std::size_t>(fd) >= watches.size()) return nullptr;
    Watch* watch = watches[fd].get();
    return watch && watch->generation == generation ? watch : nullptr;
  }

  Watch& watch(curl_socket_t fd) {
    if (static_cast<std::size_t>(fd) >= watches.size()) watches.resize(fd + 1);
    if (!watches[fd]) watches[fd] = std::make_unique<Watch>(io, fd, next_generation++);
    return *watches[fd];
  }

  void forget(curl_socket_t fd) {
    if (fd >= 0 && static_cast<std::size_t>(fd) < watches.size()) watches[fd].reset();
  }

  // Starts the waits curl wants that are not pending yet.
  void arm(Watch& w, curl_socket_t fd) {
    if ((w.what & CURL_POLL_IN) && !w.reading) {
      w.reading = true;
      wait(w, fd, CURL_POLL_IN);
    }
    if ((w.what & CURL_POLL_OUT) && !w.writing) {
      w.writing = true;
      wait(w, fd, CURL_POLL_OUT);
    }
  }

  void wait(Watch& w, curl_socket_t fd, int direction) {
    auto type = direction == CURL_POLL_IN ? asio::posix::descriptor_base::wait_read
                                          : asio::posix::descriptor_base::wait_write;
    w.descriptor.async_wait(type, [self = weak_from_this(), fd, generation = w.generation,
                                   direction](const boost::system::error_code& ec) {
      if (auto state = self.lock()) state->on_ready(fd, generation, direction, ec);
    });
  }

  void on_ready(curl_socket_t fd, std::uint64_t generation, int direction,
                const boost::system::error_code& ec) {
    Watch* w = find(fd, generation);
    if (!w || !multi) return;  // stale: the fd was released (and maybe reused)
    (direction == CURL_POLL_IN ? w->reading : w->writing) = false;
    if (ec == asio::error::operation_aborted || !(w->what & direction)) return;
    int flags = ec ? CURL_CSELECT_ERR : direction == CURL_POLL_IN ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
    act(fd, flags);
    if (w = find(fd, generation); w && !ec) arm(*w, fd);
  }

  void on_timeout(const boost::system::error_code& ec) {
    if (!ec && multi) act(CURL_SOCKET_TIMEOUT, 0);
  }

  void act(curl_socket_t fd, int flags) {
    int running = 0;
    curl_multi_socket_action(multi, fd, flags, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      CURLcode result = message->data.result;
      curl_multi_remove_handle(multi, easy);
      on_done(easy, result);
      if (!multi) return;
    }
  }

  void shutdown() {
    if (!multi) return;
    curl_multi_cleanup(multi);  // closes cached connections through on_close_socket
    multi = nullptr;
    watches.clear();
    timer.cancel();
  }

  // CURLMOPT_SOCKETFUNCTION
  static int on_socket(CURL*, curl_socket_t fd, int what, void* userp, void*) {
    auto* state = static_cast<State*>(userp);
    if (what == CURL_POLL_REMOVE) {
      state->forget(fd);
      return 0;
    }
    try {
      Watch& w = state->watch(fd);
      w.what = what;
      state->arm(w, fd);
      return 0;
    } catch (const std::exception&) {
      return -1;  // curl fails the transfers of this multi handle
    }
  }

  // CURLMOPT_TIMERFUNCTION: only arms the timer; curl is called on expiry.
  static int on_timer(CURLM*, long timeout_ms, void* userp) {
    auto* state = static_cast<State*>(userp);
    if (timeout_ms < 0) {
      state->timer.cancel();
      return 0;
    }
    state->timer.expires_after(std::chrono::milliseconds(timeout_ms));
    state->timer.async_wait([self = state->weak_from_this()](const boost::system::error_code& ec) {
      if (auto locked = self.lock()) locked->on_timeout(ec);
    });
    return 0;
  }

  // CURLOPT_CLOSESOCKETFUNCTION: Asio lets go of the fd before it closes.
  static int on_close_socket(void* clientp, curl_socket_t fd) {
    static_cast<State*>(clientp)->forget(fd);
    return ::close(fd);
  }
};

CurlMultiLoop::CurlMultiLoop(asio::io_context& io, CurlMultiSettings settings, DoneHandler on_done)
    : state_(std::make_shared<State>(io, std::move(on_done))) {
  CURLM* multi = state_->multi;
  if (!multi) return;  // out of memory: add() reports it
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &State::on_socket);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, state_.get());
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &State::on_timer);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, state_.get());
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, settings.max_total_connections);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, settings.max_host_connections);
  if (settings.max_cached_connections > 0) {
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, settings.max_cached_connections);
  }
}

CurlMultiLoop::~CurlMultiLoop() { state_->shutdown(); }

CURLcode CurlMultiLoop::prepare(CURL* easy) {
  CURLcode rc = curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &State::on_close_socket);
  if (rc != CURLE_OK) return rc;
  return curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, state_.get());
}

CURLMcode CurlMultiLoop::add(CURL* easy) {
  if (!state_->multi) return CURLM_OUT_OF_MEMORY;
  return curl_multi_add_handle(state_->multi, easy);
}

void CurlMultiLoop::remove(CURL* easy) {
  if (state_->multi) curl_multi_remove_handle(state_->multi, easy);
}

}  // namespace herald
