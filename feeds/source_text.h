// The raw bytes of a content file as text: the checks that come before any
// parsing (size, binary, UTF-8), the BOM/CRLF normalisation, and the
// translation of byte offsets into the 1-based line:column users see
// (columns count characters, not bytes).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/diagnostic.h"

namespace herald {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

// Position of byte `offset` of `text`. An invalid UTF-8 byte counts as one
// character.
TextPosition position_at(std::string_view text, std::size_t offset);

// The error for a file of `size` bytes over `max_bytes` (path left empty).
Diagnostic file_too_large(std::size_t size, std::size_t max_bytes);

// Refuses files over `max_bytes`, with a NUL byte, or with invalid UTF-8.
// The diagnostic's path is left empty for the caller.
std::optional<Diagnostic> check_source_bytes(std::string_view bytes, std::size_t max_bytes);

// Drops a UTF-8 BOM and turns CRLF into LF. Returns a view of `bytes` when
// nothing changes, else of `*storage`.
std::string_view normalise_source(std::string_view bytes, std::string* storage);

}  // namespace herald
