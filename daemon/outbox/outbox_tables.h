// The tables of the outbox at schema version 8 (Outbox::kSchemaVersion),
// column by column, as both engines hold them: SQLite (outbox.cc) and
// PostgreSQL (outbox_pg_schema.cc). What copies an outbox from one to the
// other reads this (state_copy.h), and a test checks both schemas against
// it, so a column added to one engine and not the other fails there.
// A new schema version updates this list with both engines' steps.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace herald {

// SQLite INTEGER / PostgreSQL BIGINT, TEXT / TEXT, BLOB / BYTEA.
enum class ColumnKind { integer, text, bytes };

struct OutboxColumn {
  std::string_view name;
  ColumnKind kind;
};

struct OutboxTable {
  std::string_view name;
  std::span<const OutboxColumn> columns;  // in the order the tables declare them
  // Its first column, `id`, is numbered by the database (SQLite's INTEGER
  // PRIMARY KEY, PostgreSQL's identity column): a copy keeps the numbers
  // and moves PostgreSQL's sequence past them.
  bool numbered = false;
};

// Every table, in the order a copy writes them.
std::span<const OutboxTable> outbox_tables();

enum class DueKind;  // outbox.h

// The condition on `deliveries` (SQL both engines read alike) that a
// pending delivery of `kind` meets besides its target and state; "" for
// DueKind::any.
std::string due_kind_condition(DueKind kind);

}  // namespace herald
