#include "daemon/control/control_server.h"

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/read_until.hpp>
#include <exception>
#include <unordered_set>

#include "daemon/control/control_listener.h"
#include "daemon/control/control_peer.h"

namespace herald {

using boost::asio::local::stream_protocol;
using boost::system::error_code;

class ControlConnection;

struct ControlServerCore {
  ControlServerCore(boost::asio::io_context& io, std::string path, ControlServer::Handler handler)
      : io(io), path(std::move(path)), handler(std::move(handler)), acceptor(io), retry_timer(io) {}

  boost::asio::io_context& io;
  std::string path;
  ControlServer::Handler handler;
  ControlListener listener;
  stream_protocol::acceptor acceptor;
  boost::asio::steady_timer retry_timer;  // after a failed accept (e.g. out of descriptors)
  std::unordered_set<ControlConnection*> connections;
  bool stopped = false;
};

namespace {

std::string seconds_text(std::chrono::seconds s) { return std::to_string(s.count()) + " s"; }

}  // namespace

// One client: read one request line, hand it to the handler, write the
// reply, close. Kept alive by its pending operations.
class ControlConnection : public std::enable_shared_from_this<ControlConnection> {
 public:
  ControlConnection(std::shared_ptr<ControlServerCore> core, stream_protocol::socket socket)
      : core_(std::move(core)), socket_(std::move(socket)), timer_(core_->io) {
    core_->connections.insert(this);
  }
  ~ControlConnection() { core_->connections.erase(this); }

  void start() {
    arm(kControlDeadline);
    boost::asio::async_read_until(
        socket_, boost::asio::dynamic_buffer(buffer_, kMaxRequestBytes), '\n',
        [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
  }

  // Answers `message` as an error at once (too many clients).
  void refuse(std::string_view message) {
    arm(std::chrono::seconds(1));
    reply(control_error(message));
  }

  void close() {
    error_code ignored;
    socket_.shutdown(stream_protocol::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
  }

 private:
  void on_read(error_code ec, std::size_t n) {
    if (ec == boost::asio::error::not_found) {
      reply(control_error("invalid request: larger than " + std::to_string(kMaxRequestBytes) +
                          " bytes"));
      return;
    }
    if (ec && !(ec == boost::asio::error::eof && !buffer_.empty())) {
      close();
      return;
    }
    std::string_view line(buffer_.data(), ec ? buffer_.size() : n - 1);
    Result<ControlRequest> request = parse_request(line);
    if (!request.ok()) {
      reply(control_error(request.error()));
      return;
    }
    deadline_ = control_deadline(request->command);
    if (deadline_ != kControlDeadline) arm(deadline_);
    dispatch(*request);
  }

  void dispatch(const ControlRequest& request) {
    ControlServer::Respond respond = [weak = weak_from_this()](boost::json::value value) {
      if (std::shared_ptr<ControlConnection> self = weak.lock()) self->reply(value);
    };
    ControlServer::Handler handler = core_->handler;  // survives a handler that destroys the server
    if (!handler) return;
    try {
      handler(request.command, request.args, control_peer_user(socket_.native_handle()), respond);
    } catch (const std::exception& e) {
      respond(control_error(std::string("internal error: ") + e.what()));
    } catch (...) {
      respond(control_error("internal error"));
    }
  }

  void reply(const boost::json::value& value) {
    if (replied_ || core_->stopped || !socket_.is_open()) return;
    replied_ = true;
    out_ = encode_reply(value);
    boost::asio::async_write(socket_, boost::asio::buffer(out_),
                             [self = shared_from_this()](error_code, std::size_t) { self->close(); });
  }

  void arm(std::chrono::seconds deadline) {
    timer_.expires_after(deadline);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec == boost::asio::error::operation_aborted) return;
      self->on_deadline();
    });
  }

  void on_deadline() {
    if (replied_) {  // the client does not read its reply
      close();
      return;
    }
    reply(control_error("herald did not answer within " + seconds_text(deadline_)));
    arm(std::chrono::seconds(1));
  }

  std::shared_ptr<ControlServerCore> core_;
  stream_protocol::socket socket_;
  boost::asio::steady_timer timer_;
  std::string buffer_;
  std::string out_;
  std::chrono::seconds deadline_ = kControlDeadline;
  bool replied_ = false;
};

namespace {

void accept_next(const std::shared_ptr<ControlServerCore>& core);

void on_accept(const std::weak_ptr<ControlServerCore>& weak, error_code ec,
               stream_protocol::socket socket) {
  std::shared_ptr<ControlServerCore> core = weak.lock();
  if (!core || core->stopped || ec == boost::asio::error::operation_aborted) return;
  if (ec) {  // e.g. EMFILE: try again a little later instead of spinning
    core->retry_timer.expires_after(std::chrono::milliseconds(100));
    core->retry_timer.async_wait([weak](error_code wait_ec) {
      std::shared_ptr<ControlServerCore> c = weak.lock();
      if (c && !wait_ec && !c->stopped) accept_next(c);
    });
    return;
  }
  bool busy = core->connections.size() >= static_cast<std::size_t>(kMaxControlClients);
  auto connection = std::make_shared<ControlConnection>(core, std::move(socket));
  if (busy) {
    connection->refuse("herald is busy: " + std::to_string(kMaxControlClients) +
                       " control clients are connected; try again");
  } else {
    connection->start();
  }
  accept_next(core);
}

void accept_next(const std::shared_ptr<ControlServerCore>& core) {
  std::weak_ptr<ControlServerCore> weak = core;
  core->acceptor.async_accept([weak](error_code ec, stream_protocol::socket socket) {
    on_accept(weak, ec, std::move(socket));
  });
}

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::start(boost::asio::io_context& io,
                                                            const std::string& socket_path,
                                                            Handler handler) {
  Result<ControlListener> listener = listen_control_socket(socket_path);
  if (!listener.ok()) return listener.status();
  auto core = std::make_shared<ControlServerCore>(io, socket_path, std::move(handler));
  error_code ec;
  core->acceptor.assign(stream_protocol(), listener->fd.get(), ec);
  if (ec) {
    remove_control_socket(socket_path, *listener);
    return Status::failed("cannot use the control socket " + socket_path + ": " + ec.message());
  }
  listener->fd.release();  // the acceptor owns it now
  core->listener = std::move(*listener);
  accept_next(core);
  return std::unique_ptr<ControlServer>(new ControlServer(std::move(core)));
}

ControlServer::ControlServer(std::shared_ptr<ControlServerCore> core) : core_(std::move(core)) {}

ControlServer::~ControlServer() {
  core_->stopped = true;
  core_->handler = nullptr;
  error_code ignored;
  core_->acceptor.close(ignored);
  core_->retry_timer.cancel();
  std::unordered_set<ControlConnection*> open = core_->connections;
  for (ControlConnection* connection : open) connection->close();
  remove_control_socket(core_->path, core_->listener);
}

const std::string& ControlServer::socket_path() const { return core_->path; }

}  // namespace herald
