#include "feeds/source_text.h"

#include <cstdio>
#include <cstring>

#include "feeds/text.h"

namespace herald {

TextPosition position_at(std::string_view text, std::size_t offset) {
  TextPosition pos;
  if (offset > text.size()) offset = text.size();
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  for (std::size_t i = line_start; i < offset; ++i) {
    // Continuation bytes (10xxxxxx) do not start a character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++pos.column;
  }
  return pos;
}

Diagnostic file_too_large(std::size_t size, std::size_t max_bytes) {
  return Diagnostic{"", 0, 0,
                    "file is " + std::to_string(size) + " bytes, larger than the limit of " +
                        std::to_string(max_bytes) +
                        " bytes; raise content.max_bytes or split the post"};
}

std::optional<Diagnostic> check_source_bytes(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) return file_too_large(bytes.size(), max_bytes);
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    return Diagnostic{"", 0, 0,
                      "binary file (NUL byte at line " +
                          std::to_string(position_at(bytes, offset).line) +
                          "); only UTF-8 text posts are read"};
  }
  std::size_t bad = find_invalid_utf8(bytes);
  if (bad != std::string_view::npos) {
    TextPosition pos = position_at(bytes, bad);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
    return Diagnostic{"", pos.line, pos.column,
                      std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8"};
  }
  return std::nullopt;
}

std::string_view normalise_source(std::string_view bytes, std::string* storage) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.find("\r\n") == std::string_view::npos) return bytes;
  storage->clear();
  storage->reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    storage->push_back(bytes[i]);
  }
  return *storage;
}

}  // namespace herald
