#include "daemon/delivery/asio_delivery_io.h"

#include <algorithm>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/base/system_random.h"
#include "daemon/base/wall_clock.h"
#include "daemon/delivery/lanes.h"
#include "daemon/net/http_client.h"

namespace herald {
namespace {

namespace asio = boost::asio;

class AsioTimer : public DeliveryTimer {
 public:
  explicit AsioTimer(asio::io_context& io) : timer_(io) {}

  void arm(std::chrono::milliseconds delay, std::function<void()> fire) override {
    timer_.expires_after(delay);  // cancels an earlier wait
    timer_.async_wait([fire = std::move(fire)](const boost::system::error_code& error) {
      if (!error) fire();
    });
  }
  void cancel() override { timer_.cancel(); }

 private:
  asio::steady_timer timer_;
};

// Lanes cap their own requests; the client only has to keep one
// connection alive per request a lane may have in flight (a smaller pool
// closes and reopens connections all the time).
HttpClientOptions client_options(const Config& config) {
  HttpClientOptions options;
  long total = 0;
  for (const TargetConfig& target : delivery_targets(config)) {
    total += target.concurrency > 0 ? target.concurrency : config.delivery.concurrency;
  }
  options.max_total_connections = std::max<long>(options.max_total_connections, total + 16);
  options.max_connections_per_host = 0;  // targets on one host share it; lanes limit each
  return options;
}

class AsioDeliveryIo : public DeliveryIo {
 public:
  explicit AsioDeliveryIo(const Config& config) : http_(io_, client_options(config)) {}
  ~AsioDeliveryIo() override { stop([] {}); }

  std::int64_t now_ms() override { return wall_clock_ms(); }
  std::chrono::steady_clock::time_point monotonic_now() override { return std::chrono::steady_clock::now(); }
  std::unique_ptr<DeliveryTimer> make_timer() override { return std::make_unique<AsioTimer>(io_); }

  void send(HttpRequest request, ResponseCallback done) override { http_.submit(std::move(request), std::move(done)); }
  void cancel_sends() override { http_.cancel_all(); }

  DriverInputs driver_inputs() override { return system_driver_inputs(); }

  void post(Callback callback) override { asio::post(io_, std::move(callback)); }

  void start(Callback first) override {
    if (thread_.joinable()) return;
    thread_ = std::thread([this, first = std::move(first)] {
      auto work = asio::make_work_guard(io_);
      asio::post(io_, first);
      io_.run();
    });
  }

  void stop(Callback last) override {
    if (!thread_.joinable()) return;
    asio::post(io_, [this, last = std::move(last)] {
      last();
      io_.stop();
    });
    thread_.join();
  }

 private:
  asio::io_context io_;
  HttpClient http_;  // after io_: destroyed before it
  std::thread thread_;
};

}  // namespace

DriverInputs system_driver_inputs() { return DriverInputs{system_random(), wall_clock_us}; }

std::unique_ptr<DeliveryIo> make_asio_delivery_io(const Config& config) {
  return std::make_unique<AsioDeliveryIo>(config);
}

}  // namespace herald
