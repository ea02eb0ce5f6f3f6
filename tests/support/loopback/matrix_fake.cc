#include "tests/support/loopback/matrix_fake.h"

#include <boost/json.hpp>

#include "tests/support/loopback/json_reply.h"

#include <map>
#include <mutex>

namespace herald::test {
namespace {

constexpr std::string_view kRoomPath = "/_matrix/client/v3/rooms/%21noticias%3Aexample.org/send/m.room.message/";

}  // namespace

struct MatrixFake::State {
  std::mutex mutex;
  std::map<std::string, std::string> events;  // txnId -> event_id
};

MatrixFake::MatrixFake(Mode mode, int retry_after_ms) : state_(std::make_shared<State>()) {
  receiver_.set_behavior([mode, retry_after_ms, state = state_](const ReceivedRequest& request, int index) {
    if (request.header("authorization") != std::string("Bearer ") + kToken) {
      return json_reply(401, {{"errcode", "M_UNKNOWN_TOKEN"}, {"error", "Invalid access token passed."}});
    }
    if (request.method != "PUT" || request.target.rfind(kRoomPath, 0) != 0) {
      return json_reply(404, {{"errcode", "M_UNRECOGNIZED"}, {"error", "Unrecognized request"}});
    }
    if (mode == Mode::forbidden) {
      return json_reply(403, {{"errcode", "M_FORBIDDEN"}, {"error", "User not in room"}});
    }
    if (mode == Mode::rate_limited_once && index == 0) {
      return json_reply(429, {{"errcode", "M_LIMIT_EXCEEDED"}, {"error", "Too Many Requests"},
                        {"retry_after_ms", retry_after_ms}});
    }
    std::string txn = request.target.substr(kRoomPath.size());
    std::string event_id;
    {
      std::lock_guard lock(state->mutex);
      auto [it, made] = state->events.try_emplace(txn, "$event" + std::to_string(state->events.size() + 1) +
                                                           ":example.org");
      event_id = it->second;
    }
    if (mode == Mode::first_reply_lost && index == 0) return Reply::hang();
    return json_reply(200, {{"event_id", event_id}});
  });
}

std::string MatrixFake::homeserver_url() const { return receiver_.url(""); }

std::size_t MatrixFake::events() const {
  std::lock_guard lock(state_->mutex);
  return state_->events.size();
}

}  // namespace herald::test
