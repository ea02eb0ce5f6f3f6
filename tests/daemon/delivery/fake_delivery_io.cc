#include "tests/daemon/delivery/fake_delivery_io.h"

#include <algorithm>
#include <utility>

namespace herald::test {

class FakeTimer : public DeliveryTimer {
 public:
  explicit FakeTimer(FakeDeliveryIo& io) : io_(io) {}
  ~FakeTimer() override { cancel(); }

  void arm(std::chrono::milliseconds delay, std::function<void()> fire) override {
    cancel();
    id_ = io_.add_timer(delay, std::move(fire));
  }
  void cancel() override {
    if (id_ != 0) io_.cancel_timer(id_);
    id_ = 0;
  }

 private:
  FakeDeliveryIo& io_;
  std::uint64_t id_ = 0;  // a fired timer's id is never reused: cancelling it is a no-op
};

FakeDeliveryIo::~FakeDeliveryIo() { drop_pending(); }

void FakeDeliveryIo::drop_pending() {
  // Callbacks may own timers, whose destructors reach back into timers_:
  // the containers are emptied before what they held is destroyed.
  auto ready = std::exchange(ready_, {});
  auto timers = std::exchange(timers_, {});
  auto requests = std::exchange(in_flight_, {});
}

std::unique_ptr<DeliveryTimer> FakeDeliveryIo::make_timer() { return std::make_unique<FakeTimer>(*this); }

std::uint64_t FakeDeliveryIo::add_timer(std::chrono::milliseconds delay, std::function<void()> fire) {
  std::uint64_t id = next_timer_id_++;
  timers_[id] = Armed{steady_ + delay, std::move(fire)};
  return id;
}

void FakeDeliveryIo::send(HttpRequest request, ResponseCallback done) {
  sent_.push_back(request);
  in_flight_.push_back(Request{std::move(request), std::move(done), wall_ms_});
  peak_in_flight_ = std::max(peak_in_flight_, in_flight_.size());
}

void FakeDeliveryIo::cancel_sends() {
  for (Request& request : std::exchange(in_flight_, {})) {
    post([done = std::move(request.done)] {
      HttpResponse response;
      response.error = "cancelled";
      done(std::move(response));
    });
  }
}

DriverInputs FakeDeliveryIo::driver_inputs() {
  return DriverInputs{[] { return 0.5; }, [this] { return wall_ms_ * 1000; }};
}

void FakeDeliveryIo::start(Callback first) {
  if (running_) return;
  running_ = true;
  post(std::move(first));
}

void FakeDeliveryIo::stop(Callback last) {
  if (!running_) return;
  last();
  running_ = false;
  drop_pending();  // the loop has ended: what was still to run never runs
}

void FakeDeliveryIo::run_ready() {
  while (running_ && !ready_.empty()) {
    Callback callback = std::move(ready_.front());
    ready_.pop_front();
    callback();
  }
}

void FakeDeliveryIo::advance(std::chrono::milliseconds by) {
  run_ready();
  const auto until = steady_ + by;
  while (running_) {
    auto earliest = std::min_element(timers_.begin(), timers_.end(), [](const auto& a, const auto& b) {
      return a.second.due < b.second.due;  // ties: the first armed (lowest id) first
    });
    if (earliest == timers_.end() || earliest->second.due > until) break;
    auto due = std::max(earliest->second.due, steady_);
    wall_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(due - steady_).count();
    steady_ = due;
    std::function<void()> fire = std::move(earliest->second.fire);
    timers_.erase(earliest);
    fire();
    run_ready();
  }
  wall_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(until - steady_).count();
  steady_ = until;
}

void FakeDeliveryIo::queue_answer(std::size_t index, HttpResponse response) {
  Request request = std::move(in_flight_.at(index));
  in_flight_.erase(in_flight_.begin() + static_cast<std::ptrdiff_t>(index));
  post([done = std::move(request.done), response = std::move(response)]() mutable { done(std::move(response)); });
}

std::optional<std::int64_t> FakeDeliveryIo::next_timer_ms() const {
  std::optional<std::int64_t> next;
  for (const auto& [id, armed] : timers_) {
    std::int64_t at = wall_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(armed.due - steady_).count();
    if (!next || at < *next) next = at;
  }
  return next;
}

}  // namespace herald::test
