// PgRows: the rows a statement returned (PGresult, owned), read in text
// form: integers parsed, BYTEA decoded from PostgreSQL's hex output.
// Rows and columns are 0-based. Views are valid while the object lives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct pg_result;

namespace herald {

class PgRows {
 public:
  PgRows() = default;
  explicit PgRows(pg_result* result);

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string_view text(int row, int column) const;
  // A BIGINT/INTEGER column; 0 when null or not a number.
  std::int64_t integer(int row, int column) const;
  // A BYTEA column's bytes.
  std::string bytes(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;
  // The command tag ("INSERT 0 1", "COMMIT", "ROLLBACK").
  std::string_view command() const;

 private:
  struct Free {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Free> result_;
};

}  // namespace herald
