#include "daemon/postgres/pg_rows.h"

#include <charconv>

#include <libpq-fe.h>

namespace herald {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::int64_t parse_integer(std::string_view text) {
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

void PgRows::Free::operator()(pg_result* result) const { PQclear(result); }

PgRows::PgRows(pg_result* result) : result_(result) {}

int PgRows::rows() const { return result_ ? PQntuples(result_.get()) : 0; }

int PgRows::columns() const { return result_ ? PQnfields(result_.get()) : 0; }

bool PgRows::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view PgRows::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t PgRows::integer(int row, int column) const { return parse_integer(text(row, column)); }

// bytea_output = hex (PostgreSQL's default since 9.0): "\x" then two digits a byte.
std::string PgRows::bytes(int row, int column) const {
  std::string_view hex = text(row, column);
  if (hex.starts_with("\\x")) hex.remove_prefix(2);
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1])));
  }
  return out;
}

std::int64_t PgRows::affected() const { return result_ ? parse_integer(PQcmdTuples(result_.get())) : 0; }

std::string_view PgRows::command() const { return result_ ? PQcmdStatus(result_.get()) : ""; }

}  // namespace herald
