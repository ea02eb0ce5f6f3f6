// PgParams: the values of one parameterized statement ($1, $2, ...), the
// only way values reach PostgreSQL (PgConnection::exec, PQexecParams): no
// value is ever spliced into SQL text. Text and integers go as text (the
// server infers their types from the statement); bytes go in binary, so a
// BYTEA takes any byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

class PgParams {
 public:
  PgParams& text(std::string_view value);
  PgParams& integer(std::int64_t value);
  PgParams& bytes(std::string_view value);
  PgParams& null();

  int size() const { return static_cast<int>(values_.size()); }
  bool empty() const { return values_.empty(); }
  void clear();

  // The arrays PQexecParams takes; valid until this object changes.
  std::vector<const char*> values() const;
  std::vector<int> lengths() const;
  const std::vector<int>& formats() const { return formats_; }

 private:
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;  // 0 text, 1 binary
};

}  // namespace herald
