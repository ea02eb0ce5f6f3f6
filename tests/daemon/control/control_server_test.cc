#include "daemon/control/control_server.h"

#include <pwd.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <ostream>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <mutex>
#include <chrono>
#include <thread>

#include "daemon/control/control_client.h"
#include "tests/support/test_support.h"

namespace herald {

using boost::json::object;
using test::TempDir;

std::ostream& operator<<(std::ostream& out, ControlReply::Kind kind) {
  const char* names[] = {"ok", "error", "down"};
  return out << names[static_cast<int>(kind)];
}

namespace {

constexpr std::chrono::milliseconds kTimeout{5000};

// A ControlServer on its own io thread, with `handler`.
struct RunningControl {
  TempDir dir;
  std::string path = dir / "control.sock";
  boost::asio::io_context io;
  std::unique_ptr<ControlServer> server;
  std::thread thread;

  explicit RunningControl(ControlServer::Handler handler) {
    Result<std::unique_ptr<ControlServer>> started = ControlServer::start(io, path, std::move(handler));
    BOOST_REQUIRE_MESSAGE(started.ok(), started.error());
    server = *std::move(started);
    thread = std::thread([this] { io.run(); });
  }
  ~RunningControl() { stop(); }
  void stop() {
    if (!thread.joinable()) return;
    boost::asio::post(io, [this] {
      server.reset();
      io.stop();
    });
    thread.join();
  }
};

// Answers {"command", "args"}: what the server handed over.
void echo(const std::string& command, const object& args, const std::string&, ControlServer::Respond respond) {
  respond(object{{"command", command}, {"args", args}});
}

// A socket file nobody listens on (a daemon that died).
void make_stale_socket(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.data(), path.size());
  BOOST_REQUIRE_EQUAL(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ::close(fd);
}

// Sends raw bytes, returns everything the server answers until it closes.
std::string raw_exchange(const std::string& path, const std::string& bytes) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.data(), path.size());
  BOOST_REQUIRE_EQUAL(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  BOOST_REQUIRE_EQUAL(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
                      static_cast<ssize_t>(bytes.size()));
  ::shutdown(fd, SHUT_WR);
  std::string reply;
  char chunk[4096];
  for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;) reply.append(chunk, n);
  ::close(fd);
  return reply;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(control_server)

BOOST_AUTO_TEST_CASE(round_trip_hands_the_command_and_args_to_the_handler) {
  RunningControl control(echo);
  ControlReply reply = call_daemon(control.path, "list", object{{"limit", 5}, {"target", "hook"}}, kTimeout);
  BOOST_TEST(reply.kind == ControlReply::Kind::ok);
  BOOST_TEST(boost::json::serialize(reply.result) ==
             R"({"command":"list","args":{"limit":5,"target":"hook"}})");
}

BOOST_AUTO_TEST_CASE(the_wire_format_is_one_json_line_each_way) {
  RunningControl control(echo);
  BOOST_TEST(raw_exchange(control.path, "{\"command\":\"status\"}\n") ==
             "{\"ok\":true,\"result\":{\"command\":\"status\",\"args\":{}}}\n");
}

BOOST_AUTO_TEST_CASE(the_handler_is_told_the_peers_unix_user) {
  RunningControl control([](const std::string&, const object&, const std::string& caller, ControlServer::Respond respond) {
    respond(boost::json::value(caller));
  });
  ControlReply reply = call_daemon(control.path, "status", object{}, kTimeout);
  BOOST_REQUIRE(reply.kind == ControlReply::Kind::ok);
  struct passwd* me = ::getpwuid(::getuid());
  BOOST_TEST(reply.result.as_string() == (me ? std::string(me->pw_name) : "uid " + std::to_string(::getuid())));
}

BOOST_AUTO_TEST_CASE(handler_errors_are_sent_as_ok_false) {
  RunningControl control([](const std::string&, const object& args, const std::string&, ControlServer::Respond respond) {
    if (args.contains("throw")) throw std::runtime_error("boom");
    respond(control_error("no post has the id 42"));
  });
  ControlReply reply = call_daemon(control.path, "resend", object{{"post", "42"}}, kTimeout);
  BOOST_TEST(reply.kind == ControlReply::Kind::error);
  BOOST_TEST(reply.error == "no post has the id 42");
  reply = call_daemon(control.path, "resend", object{{"throw", true}}, kTimeout);
  BOOST_TEST(reply.kind == ControlReply::Kind::error);
  BOOST_TEST(reply.error == "internal error: boom");
}

BOOST_AUTO_TEST_CASE(invalid_requests_never_reach_the_handler) {
  std::atomic<int> calls{0};
  RunningControl control([&](const std::string&, const object&, const std::string&, ControlServer::Respond respond) {
    ++calls;
    respond(object{});
  });
  BOOST_TEST(raw_exchange(control.path, "{\"command\":\"stats\"}\n") ==
             "{\"ok\":false,\"error\":\"invalid request: unknown command 'stats' (expected "
             "status, list, resend, retry, approve, reject or reload)\"}\n");
  BOOST_TEST(raw_exchange(control.path, "{\"command\":\"list\",\"args\":[1]}\n") ==
             "{\"ok\":false,\"error\":\"invalid request: \\\"args\\\" must be an object\"}\n");
  BOOST_TEST(raw_exchange(control.path, "[\"status\"]\n") ==
             "{\"ok\":false,\"error\":\"invalid request: expected a JSON object\"}\n");
  BOOST_TEST(raw_exchange(control.path, "status\n").rfind(
                 "{\"ok\":false,\"error\":\"invalid request: not JSON (", 0) == 0);
  BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(the_socket_is_mode_0600_and_no_temporary_file_is_left) {
  RunningControl control(echo);
  struct stat st {};
  BOOST_REQUIRE_EQUAL(::stat(control.path.c_str(), &st), 0);
  BOOST_TEST(S_ISSOCK(st.st_mode));
  BOOST_TEST((st.st_mode & 07777) == 0600u);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(control.dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  BOOST_TEST(names == std::vector<std::string>{"control.sock"});
}

BOOST_AUTO_TEST_CASE(a_stale_socket_is_replaced) {
  TempDir dir;
  std::string path = dir / "control.sock";
  make_stale_socket(path);
  BOOST_TEST(call_daemon(path, "status", {}, kTimeout).kind == ControlReply::Kind::down);
  boost::asio::io_context io;
  Result<std::unique_ptr<ControlServer>> server = ControlServer::start(io, path, echo);
  BOOST_REQUIRE_MESSAGE(server.ok(), server.error());
  std::thread thread([&] { io.run_for(std::chrono::seconds(5)); });
  ControlReply reply = call_daemon(path, "status", {}, kTimeout);
  io.stop();
  thread.join();
  BOOST_TEST(reply.kind == ControlReply::Kind::ok);
}

BOOST_AUTO_TEST_CASE(a_live_socket_is_refused_and_keeps_working) {
  RunningControl first(echo);
  boost::asio::io_context io;
  Result<std::unique_ptr<ControlServer>> second = ControlServer::start(io, first.path, echo);
  BOOST_TEST(!second.ok());
  BOOST_TEST(second.error() == "cannot use the control socket " + first.path +
                          ": another herald is running (it answers there)");
  BOOST_TEST(call_daemon(first.path, "status", {}, kTimeout).kind == ControlReply::Kind::ok);
}

BOOST_AUTO_TEST_CASE(another_kind_of_file_is_never_replaced) {
  TempDir dir;
  std::string path = dir / "control.sock";
  test::write_file(path, "notes");
  boost::asio::io_context io;
  Result<std::unique_ptr<ControlServer>> server = ControlServer::start(io, path, echo);
  BOOST_TEST(!server.ok());
  BOOST_TEST(server.error() == "cannot use the control socket " + path +
                          ": the path exists and is not a socket (remove it or set control.socket)");
  BOOST_TEST(test::read_file(path) == "notes");
}

BOOST_AUTO_TEST_CASE(destruction_unlinks_the_socket_then_clients_see_down) {
  RunningControl control(echo);
  control.stop();
  BOOST_TEST(!std::filesystem::exists(control.path));
  ControlReply reply = call_daemon(control.path, "status", {}, kTimeout);
  BOOST_TEST(reply.kind == ControlReply::Kind::down);
  BOOST_TEST(reply.error == "nothing listens on " + control.path);
}

BOOST_AUTO_TEST_CASE(an_oversized_request_is_rejected) {
  RunningControl control(echo);
  object args{{"post", std::string(kMaxRequestBytes, 'x')}};
  ControlReply reply = call_daemon(control.path, "resend", args, kTimeout);
  BOOST_TEST(reply.kind == ControlReply::Kind::error);
  BOOST_TEST(reply.error == "invalid request: larger than 65536 bytes");
  // Just under the limit is fine.
  args["post"] = std::string(kMaxRequestBytes - 100, 'x');
  BOOST_TEST(call_daemon(control.path, "resend", args, kTimeout).kind == ControlReply::Kind::ok);
}

BOOST_AUTO_TEST_CASE(a_handler_may_respond_later_and_only_once_counts) {
  RunningControl* self = nullptr;
  std::unique_ptr<boost::asio::steady_timer> timer;
  RunningControl control([&](const std::string& command, const object&, const std::string&, ControlServer::Respond respond) {
    if (command == "status") {
      respond(object{{"fast", true}});
      respond(object{{"twice", true}});  // ignored
      return;
    }
    timer = std::make_unique<boost::asio::steady_timer>(self->io, std::chrono::milliseconds(300));
    timer->async_wait([respond](boost::system::error_code) { respond(object{{"reloaded", true}}); });
  });
  self = &control;
  ControlReply slow;
  std::thread reloading([&] { slow = call_daemon(control.path, "reload", {}, kTimeout); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // The loop is free while the reload is pending.
  ControlReply fast = call_daemon(control.path, "status", {}, kTimeout);
  BOOST_TEST(boost::json::serialize(fast.result) == R"({"fast":true})");
  reloading.join();
  BOOST_TEST(slow.kind == ControlReply::Kind::ok);
  BOOST_TEST(boost::json::serialize(slow.result) == R"({"reloaded":true})");
  control.stop();
  timer.reset();  // before its io_context goes
}

BOOST_AUTO_TEST_CASE(a_client_that_waits_too_long_gives_up) {
  std::vector<ControlServer::Respond> held;
  RunningControl control([&](const std::string&, const object&, const std::string&, ControlServer::Respond respond) {
    held.push_back(std::move(respond));  // never answered
  });
  ControlReply reply = call_daemon(control.path, "reload", {}, std::chrono::milliseconds(300));
  BOOST_TEST(reply.kind == ControlReply::Kind::error);
  BOOST_TEST(reply.error == "herald did not answer within 300 ms (" + control.path + ")");
  control.stop();
  for (auto& respond : held) respond(object{});  // after the server is gone: ignored
}

BOOST_AUTO_TEST_CASE(sixteen_clients_at_once_are_served_the_seventeenth_is_told_to_wait) {
  std::vector<ControlServer::Respond> held;
  std::atomic<int> arrived{0};
  RunningControl control([&](const std::string&, const object& args, const std::string&, ControlServer::Respond respond) {
    if (args.contains("n")) {
      held.push_back(std::move(respond));
      ++arrived;
      return;
    }
    respond(object{});
  });
  std::vector<ControlReply> replies(kMaxControlClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kMaxControlClients; ++i) {
    clients.emplace_back([&, i] {
      replies[i] = call_daemon(control.path, "status", object{{"n", i}}, kTimeout);
    });
  }
  while (arrived < kMaxControlClients) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ControlReply busy = call_daemon(control.path, "status", {}, kTimeout);
  BOOST_TEST(busy.kind == ControlReply::Kind::error);
  BOOST_TEST(busy.error == "herald is busy: 16 control clients are connected; try again");
  boost::asio::post(control.io, [&] {
    for (std::size_t i = 0; i < held.size(); ++i) held[i](object{{"answer", i}});
  });
  for (std::thread& t : clients) t.join();
  for (const ControlReply& reply : replies) {
    BOOST_TEST(reply.kind == ControlReply::Kind::ok);
    BOOST_TEST(reply.result.as_object().contains("answer"));
  }
  // Slots free again once the answers are out (the server notices each
  // client's close a moment after the client has read its answer).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  ControlReply again = call_daemon(control.path, "status", {}, kTimeout);
  while (again.kind != ControlReply::Kind::ok && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    again = call_daemon(control.path, "status", {}, kTimeout);
  }
  BOOST_TEST(again.kind == ControlReply::Kind::ok, again.error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
