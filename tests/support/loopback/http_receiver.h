// A webhook receiver for tests: a real HTTP/1.1 server (Boost.Beast) on
// 127.0.0.1, on its own thread, listening on one or more free ports with a
// real listen backlog (SOMAXCONN). It records every request (method,
// target, headers, body, arrival time, port, connection) and answers each
// as a programmable behaviour says: any status with headers and body, after
// a delay or at once, or "hang" (read it, never answer) or "reset" (close
// the connection with a TCP RST). Keep-alive works as the client asks.
//
// One thread serves every port of a receiver, so a benchmark can play 100
// webhook targets with HttpReceiver(100). All member functions are
// thread-safe. The behaviour runs on the receiver's thread, one request at
// a time, and must not call the receiver; the default answers 200.
// Destroying the receiver closes every connection (hung ones included).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herald::test {

struct ReceivedRequest {
  std::string method;
  std::string target;  // "/hooks/abc?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;
  std::chrono::steady_clock::time_point arrival;
  unsigned short port = 0;       // the receiver port it came to
  std::uint64_t connection = 0;  // 1, 2, ...: requests on one keep-alive connection share it

  // The first header with this lower-case name, or "" when absent.
  std::string header(std::string_view name) const;
};

struct Reply {
  enum class Action { answer, hang, reset };

  Action action = Action::answer;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering or resetting

  static Reply ok(std::string json_body = "");  // 200, application/json when a body is given
  static Reply with_status(int status, std::string body = "");
  static Reply retry_after(std::string value, int status = 429);  // Retry-After: value
  static Reply hang();
  static Reply reset();
  Reply after(std::chrono::milliseconds wait) const;  // the same, delayed
};

class HttpReceiver {
 public:
  // `index` counts the requests of this receiver from 0, in arrival order.
  using Behavior = std::function<Reply(const ReceivedRequest& request, int index)>;

  explicit HttpReceiver(int ports = 1);  // throws when it cannot listen
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  unsigned short port(int index = 0) const;
  const std::vector<unsigned short>& ports() const;
  // "http://127.0.0.1:<port(index)>" + target
  std::string url(const std::string& target = "/", int index = 0) const;

  void set_behavior(Behavior behavior);
  std::vector<ReceivedRequest> requests() const;
  std::size_t count() const;
  // True once count() >= n; false when `timeout` passed first.
  bool wait_for_count(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace herald::test
