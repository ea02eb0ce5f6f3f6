// Status: how an operation that can fail ended, in the one shape every
// module boundary of herald uses (the outbox, the catalog store, ...): ok,
// or a message a person can act on, naming the file or target and what
// went wrong ("<state.dir>/outbox.db: database is locked"). Never a secret.
//
// Problems a person must fix in a post or the configuration are
// Diagnostics (diagnostic.h: file, line, column); a layer's own details
// (SQLite result codes) stay inside it.
#pragma once

#include <string>
#include <utility>

namespace herald {

struct Status {
  std::string message;  // empty: ok

  bool ok() const { return message.empty(); }
  // A failure; an empty `message` still fails, as "unknown error".
  static Status failed(std::string message) {
    return Status{message.empty() ? std::string("unknown error") : std::move(message)};
  }
};

}  // namespace herald
