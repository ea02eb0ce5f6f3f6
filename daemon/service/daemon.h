// `herald run`: the long-running service. One Boost.Asio event loop on one
// thread drives everything: the content watcher, the scheduler of future
// posts, the HTTP server, signals (SIGHUP reload, SIGTERM/SIGINT stop) and
// the systemd notifications. Returns the process exit code: 0 after a clean
// stop, 2 when the configuration is invalid or the server cannot listen.
#pragma once

#include <string>

namespace herald {

int run_daemon(const std::string& config_path);

}  // namespace herald
