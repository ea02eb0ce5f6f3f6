// Status and Result: how an operation that can fail ended, in the one shape
// every module boundary of herald uses (the outbox, the catalog store, the
// drivers, the editor commands, ...): ok (with a value, for Result), or a
// message a person can act on, naming the file or target and what went
// wrong ("<state.dir>/outbox.db: database is locked"). Never a secret.
//
// Problems a person must fix in a post or the configuration are
// Diagnostics (diagnostic.h: file, line, column); a layer's own details
// (SQLite result codes) stay inside it.
#pragma once

#include <optional>
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

// A value, or the Status saying why there is none:
//   Result<Plan> r = plan(...);
//   if (!r.ok()) return r.status();
//   use(*r);
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, like std::optional
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::failed("");
  }
  static Result failed(std::string message) { return Result(Status::failed(std::move(message))); }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const std::string& error() const { return status_.message; }

  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace herald
