#include "daemon/net/http_client.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <algorithm>

#include "daemon/net/curl_multi_loop.h"
#include "daemon/net/http_transfer.h"

namespace herald {

namespace {

// Idle easy handles kept for reuse at least (more when connections allow).
constexpr std::size_t kMinIdleTransfers = 64;

void init_curl_once() {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)init;
}

CurlMultiSettings multi_settings(const HttpClientOptions& options) {
  CurlMultiSettings settings;
  settings.max_total_connections = options.max_total_connections;
  settings.max_host_connections = options.max_connections_per_host;
  settings.max_cached_connections = options.max_total_connections;
  return settings;
}

}  // namespace

struct HttpClient::Impl : std::enable_shared_from_this<Impl> {
  struct Answer {
    Callback done;
    HttpResponse response;
  };

  Impl(boost::asio::io_context& io, HttpClientOptions options)
      : io(io),
        options(std::move(options)),
        loop(io, multi_settings(this->options),
             [this](CURL* easy, CURLcode result) { on_done(easy, result); }),
        max_idle(std::max<std::size_t>(kMinIdleTransfers, this->options.max_total_connections)) {}

  ~Impl() { shutdown(); }

  boost::asio::io_context& io;
  const HttpClientOptions options;
  CurlMultiLoop loop;
  const std::size_t max_idle;
  std::vector<std::unique_ptr<HttpTransfer>> active;  // each knows its index
  std::vector<std::unique_ptr<HttpTransfer>> idle;
  std::vector<Answer> answers;  // waiting for dispatch()
  std::vector<Answer> spare;    // an empty vector with capacity
  std::size_t waiting_callbacks = 0;
  bool dispatch_posted = false;
  bool closed = false;

  void submit(HttpRequest request, Callback done) {
    ++waiting_callbacks;
    std::unique_ptr<HttpTransfer> transfer = take_idle();
    if (!transfer->easy()) {
      answer(std::move(done), transfer->fail("out of memory"));
      return;
    }
    std::string error = transfer->start(std::move(request), std::move(done), options.user_agent);
    if (error.empty() && loop.prepare(transfer->easy()) != CURLE_OK) error = "out of memory";
    if (error.empty() && loop.add(transfer->easy()) != CURLM_OK) error = "cannot start the request";
    if (!error.empty()) {
      answer(transfer->take_callback(), transfer->fail(std::move(error)));
      recycle(std::move(transfer));
      return;
    }
    transfer->active_index = active.size();
    active.push_back(std::move(transfer));
  }

  void on_done(CURL* easy, CURLcode result) {
    HttpTransfer* transfer = HttpTransfer::of(easy);
    answer(transfer->take_callback(), transfer->finish(result));
    recycle(release_active(*transfer));
  }

  void cancel_all() {
    while (!active.empty()) {
      HttpTransfer& transfer = *active.back();
      loop.remove(transfer.easy());
      answer(transfer.take_callback(), transfer.fail("cancelled"));
      recycle(release_active(transfer));
    }
  }

  std::unique_ptr<HttpTransfer> take_idle() {
    if (idle.empty()) return std::make_unique<HttpTransfer>();
    std::unique_ptr<HttpTransfer> transfer = std::move(idle.back());
    idle.pop_back();
    return transfer;
  }

  // Takes a transfer out of `active` in O(1) (the last one fills its place).
  std::unique_ptr<HttpTransfer> release_active(HttpTransfer& transfer) {
    std::size_t index = transfer.active_index;
    std::unique_ptr<HttpTransfer> owned = std::move(active[index]);
    if (index + 1 != active.size()) {
      active[index] = std::move(active.back());
      active[index]->active_index = index;
    }
    active.pop_back();
    return owned;
  }

  void recycle(std::unique_ptr<HttpTransfer> transfer) {
    transfer->clear();
    if (transfer->easy() && idle.size() < max_idle) idle.push_back(std::move(transfer));
  }

  // Queues a callback; one posted dispatch runs every queued one.
  void answer(Callback done, HttpResponse response) {
    answers.push_back({std::move(done), std::move(response)});
    if (dispatch_posted) return;
    dispatch_posted = true;
    boost::asio::post(io, [self = weak_from_this()] {
      if (auto impl = self.lock()) impl->dispatch();
    });
  }

  void dispatch() {
    dispatch_posted = false;
    if (closed) return;
    std::vector<Answer> batch;
    batch.swap(spare);   // reuse the capacity of the last batch
    batch.swap(answers);
    for (Answer& item : batch) {
      --waiting_callbacks;
      if (item.done) item.done(std::move(item.response));
      if (closed) return;  // a callback destroyed the client
    }
    batch.clear();
    spare.swap(batch);
  }

  void shutdown() {
    if (closed) return;
    closed = true;
    for (auto& transfer : active) loop.remove(transfer->easy());
    active.clear();
    idle.clear();
    answers.clear();
  }
};

HttpClient::HttpClient(boost::asio::io_context& io, HttpClientOptions options) {
  init_curl_once();
  impl_ = std::make_shared<Impl>(io, std::move(options));
}

HttpClient::~HttpClient() { impl_->shutdown(); }

void HttpClient::submit(HttpRequest request, Callback done) {
  impl_->submit(std::move(request), std::move(done));
}

std::size_t HttpClient::in_flight() const { return impl_->waiting_callbacks; }

void HttpClient::cancel_all() { impl_->cancel_all(); }

}  // namespace herald
