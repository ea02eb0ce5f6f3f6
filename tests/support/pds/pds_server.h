// A real Bluesky PDS on loopback for end-to-end tests: @atproto/pds with a
// local PLC directory (@did-plc/server, in memory), installed by
// tests/support/pds/install.sh (run by .ci/setup) and started here with
// tests/support/pds/start_pds.js on free ports, its data in a TempDir,
// rate limits ON, invites off, handles under ".test".
//
// The constructor waits for the script's READY line (up to `start_timeout`)
// and throws std::runtime_error with a readable reason when the PDS is not
// installed or does not start (its stderr is quoted); a port taken by
// another process before the PDS listened is tried again (3 starts). The destructor closes
// the script's stdin (it stops itself) and kills it if it lingers; the
// script also stops when the test process dies.
//
// The helpers speak XRPC with herald's own HTTP client (blocking, one
// request at a time) and throw std::runtime_error("<nsid>: HTTP <status>
// <body>") on unexpected answers. Not thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/net/http_client.h"
#include "tests/support/test_support.h"

namespace herald::test {

struct PdsAccount {
  std::string did;
  std::string handle;
  std::string password;     // the account password
  std::string access_jwt;   // from createAccount
  std::string refresh_jwt;
};

struct PdsSession {
  std::string did;
  std::string handle;
  std::string access_jwt;
  std::string refresh_jwt;
};

class PdsServer {
 public:
  struct Options {
    bool rate_limits = true;
    std::chrono::milliseconds start_timeout{90000};
  };

  PdsServer();
  explicit PdsServer(Options options);
  ~PdsServer();
  PdsServer(const PdsServer&) = delete;
  PdsServer& operator=(const PdsServer&) = delete;

  // One PDS for the whole test binary, started on first use (accounts keep
  // tests apart: the PDS's rate limits count per account and IP).
  static PdsServer& shared();

  // "http://localhost:<port>": the PDS's public URL (the one in its DID
  // documents); localhost is loopback.
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  const std::string& admin_password() const { return admin_password_; }
  // The install directory (HERALD_PDS_DIR, else $XDG_CACHE_HOME or
  // ~/.cache, + /herald/pds).
  static std::string install_dir();

  // XRPC call: GET /xrpc/<nsid>?<query> when `json_body` is empty and
  // `method` is "GET", else POST with the JSON body. `bearer` adds
  // "Authorization: Bearer ...". Never throws on an HTTP status.
  HttpResponse xrpc(const std::string& method, const std::string& nsid,
                    const std::string& query_or_body, const std::string& bearer = "",
                    std::vector<std::pair<std::string, std::string>> headers = {});
  // Any request to the PDS (url relative to url()).
  HttpResponse send(HttpRequest request);

  PdsAccount create_account(const std::string& handle, const std::string& email,
                            const std::string& password);
  // com.atproto.server.createAppPassword named `name`; the app password.
  std::string create_app_password(const PdsAccount& account, const std::string& name);
  // com.atproto.server.createSession with `identifier` (handle or DID).
  PdsSession create_session(const std::string& identifier, const std::string& password);
  // com.atproto.repo.getRecord's JSON ({uri, cid, value}); nullopt when the
  // record does not exist.
  std::optional<std::string> get_record(const std::string& did, const std::string& collection,
                                        const std::string& rkey);
  // com.atproto.repo.listRecords's JSON ({records:[...], cursor}), up to 100.
  std::string list_records(const std::string& did, const std::string& collection);
  // com.atproto.sync.getBlob: the blob's bytes.
  std::string get_blob(const std::string& did, const std::string& cid);

 private:
  void start(const Options& options);
  std::string stderr_text() const;
  void stop();

  TempDir dir_;
  int pid_ = -1;
  int stdin_fd_ = -1;   // our end of the script's stdin
  int stdout_fd_ = -1;
  std::string url_;
  int port_ = 0;
  std::string admin_password_;
};

}  // namespace herald::test
