// FeedPoller: a feed reader polling the served /rss.xml on its own thread
// while a test hurts the daemon (tests/e2e/faults_test.cc, chaos_test.cc).
// It counts the answers that are not a whole RSS document and those that
// list fewer items than it was told to expect; answers while the daemon is
// down (no connection) are not counted.
#pragma once

#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace herald::test {

// The item guids of an RSS document; nullopt when it is not well-formed RSS.
std::optional<std::set<std::string>> rss_guids(const std::string& rss);

class FeedPoller {
 public:
  explicit FeedPoller(int port);
  ~FeedPoller() { stop(); }
  FeedPoller(const FeedPoller&) = delete;
  FeedPoller& operator=(const FeedPoller&) = delete;

  void stop();
  // From now on, an answer listing fewer than `items` items is counted.
  void expect_at_least(int items) { floor_ = items; }

  int reads() const { return reads_; }     // answers counted
  int bad() const { return bad_; }         // not 200 with a whole RSS document
  int fewer() const { return fewer_; }     // fewer items than expected
  int fewest() const { return fewest_; }   // the fewest items seen

 private:
  void run();

  int port_;
  std::atomic<bool> done_{false};
  std::atomic<int> floor_{0};
  std::atomic<int> reads_{0}, bad_{0}, fewer_{0}, fewest_{1 << 30};
  std::thread thread_;
};

}  // namespace herald::test
