// FakeDeliveryIo: the delivery engine's DeliveryIo for its unit tests, all
// on the test's thread and in virtual time. The wall clock and the
// monotonic clock move only when the test says (advance: both; jump_wall_
// clock: the wall clock alone); timers fire in the order they fall due as
// time advances; posted callbacks run in run_ready(); requests wait until
// the test answers them. Random numbers are a constant 0.5.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/delivery/delivery_io.h"

namespace herald::test {

class FakeDeliveryIo : public DeliveryIo {
 public:
  struct Request {
    HttpRequest request;
    ResponseCallback done;
    std::int64_t sent_ms = 0;  // wall clock
  };

  explicit FakeDeliveryIo(std::int64_t wall_ms) : wall_ms_(wall_ms) {}
  ~FakeDeliveryIo() override;

  // --- DeliveryIo
  std::int64_t now_ms() override {
    ++readings_;
    if (step_at_reading_ != 0 && readings_ == step_at_reading_) wall_ms_ += step_by_ms_;
    return wall_ms_;
  }
  std::chrono::steady_clock::time_point monotonic_now() override { return steady_; }
  std::unique_ptr<DeliveryTimer> make_timer() override;
  void send(HttpRequest request, ResponseCallback done) override;
  void cancel_sends() override;
  DriverInputs driver_inputs() override;
  void post(Callback callback) override { ready_.push_back(std::move(callback)); }
  void start(Callback first) override;
  void stop(Callback last) override;

  // --- the test's controls
  // Runs posted callbacks, and those they post, until none is left.
  void run_ready();
  // Moves both clocks by `by`: each timer falling due fires at its time,
  // followed by run_ready().
  void advance(std::chrono::milliseconds by);
  // Moves the wall clock alone (NTP stepping it, a suspended machine).
  void jump_wall_clock(std::chrono::milliseconds by) { wall_ms_ += by.count(); }
  // The same, seen first by the n-th reading of the wall clock from now
  // (n >= 1): a step landing between two readings of one turn.
  void jump_wall_clock_at_reading(int n, std::chrono::milliseconds by) {
    step_at_reading_ = readings_ + n;
    step_by_ms_ = by.count();
  }
  // How many times the wall clock was read so far.
  int readings() const { return readings_; }
  // Whether the step jump_wall_clock_at_reading asked for has happened.
  bool jumped() const { return step_at_reading_ != 0 && readings_ >= step_at_reading_; }
  // Requests sent and not answered yet, oldest first.
  const std::vector<Request>& in_flight() const { return in_flight_; }
  // Answers in_flight()[index] (its callback runs in run_ready, called here).
  void answer(std::size_t index, HttpResponse response) {
    queue_answer(index, std::move(response));
    run_ready();
  }
  // Answers in_flight()[index] with its callback left in the ready queue, so
  // the test can queue something between it and what it posts.
  void queue_answer(std::size_t index, HttpResponse response);
  // Every request sent, in order.
  const std::vector<HttpRequest>& sent() const { return sent_; }
  // The most requests in flight at once so far.
  std::size_t peak_in_flight() const { return peak_in_flight_; }
  // When the earliest armed timer falls due (wall clock), if any.
  std::optional<std::int64_t> next_timer_ms() const;

 private:
  friend class FakeTimer;
  struct Armed {
    std::chrono::steady_clock::time_point due;
    std::function<void()> fire;
  };
  std::uint64_t add_timer(std::chrono::milliseconds delay, std::function<void()> fire);
  void cancel_timer(std::uint64_t id) { timers_.erase(id); }
  // Forgets posted callbacks, timers and requests (their callbacks never run).
  void drop_pending();

  std::int64_t wall_ms_;
  int readings_ = 0;
  int step_at_reading_ = 0;  // 0: none asked for
  std::int64_t step_by_ms_ = 0;
  std::chrono::steady_clock::time_point steady_{std::chrono::hours(1000)};
  bool running_ = false;
  std::deque<Callback> ready_;
  std::map<std::uint64_t, Armed> timers_;  // by id, ids in arming order
  std::uint64_t next_timer_id_ = 1;
  std::vector<Request> in_flight_;
  std::vector<HttpRequest> sent_;
  std::size_t peak_in_flight_ = 0;
};

}  // namespace herald::test
