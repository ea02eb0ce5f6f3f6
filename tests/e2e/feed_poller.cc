#include "tests/e2e/feed_poller.h"

#include <algorithm>
#include <chrono>

#include <pugixml.hpp>

#include "tests/e2e/daemon_process.h"

namespace herald::test {

std::optional<std::set<std::string>> rss_guids(const std::string& rss) {
  pugi::xml_document doc;
  if (!doc.load_string(rss.c_str())) return std::nullopt;
  pugi::xml_node channel = doc.child("rss").child("channel");
  if (!channel) return std::nullopt;
  std::set<std::string> out;
  for (pugi::xml_node item : channel.children("item")) out.insert(item.child_value("guid"));
  return out;
}

FeedPoller::FeedPoller(int port) : port_(port), thread_([this] { run(); }) {}

void FeedPoller::stop() {
  done_ = true;
  if (thread_.joinable()) thread_.join();
}

void FeedPoller::run() {
  while (!done_) {
    int floor = floor_;  // read before the request: the feed only grows
    HttpReply reply = http_request(port_, "GET", "/rss.xml");
    if (reply.status != 0) {
      std::optional<std::set<std::string>> items =
          reply.status == 200 ? rss_guids(reply.body) : std::nullopt;
      if (!items) {
        ++bad_;
      } else {
        int count = static_cast<int>(items->size());
        if (count < floor) ++fewer_;
        fewest_ = std::min(fewest_.load(), count);
      }
      ++reads_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace herald::test
