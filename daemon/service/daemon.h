// `herald run`: the long-running service. One Boost.Asio event loop on one
// thread drives everything: the content watcher, the scheduler of future
// posts, the HTTP server, signals (SIGHUP reload, SIGTERM/SIGINT stop) and
// the systemd notifications. Returns the process exit code: 0 after a clean
// stop, 2 when the configuration is invalid or the server cannot listen.
// A clean stop records the feeds for the next start (site/build_manifest.h
// kRunManifestFile): a start that finds nothing changed since is READY, and
// serves them, before its catalog is loaded.
#pragma once

#include <string>

namespace herald {

// `program` is herald's version line (the run manifest's key).
int run_daemon(const std::string& config_path, const std::string& program);

}  // namespace herald
