#include "feeds/log_text.h"

#include "feeds/text.h"

namespace herald {
namespace {

void append_hex(std::string& out, unsigned char byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 0xF];
}

void append_control(std::string& out, unsigned char byte) {
  switch (byte) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: append_hex(out, byte);
  }
}

bool is_control(std::int32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

}  // namespace

std::string escape_log_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    unsigned char byte = static_cast<unsigned char>(text[i]);
    std::int32_t code_point = byte < 0x80 ? (++i, byte) : next_code_point(text, i);
    if (code_point >= 0 && !is_control(code_point)) {
      out.append(text.substr(start, i - start));
    } else if (code_point >= 0 && code_point < 0x80) {
      append_control(out, byte);
    } else {
      for (std::size_t k = start; k < i; ++k) append_hex(out, static_cast<unsigned char>(text[k]));
    }
  }
  return out;
}

}  // namespace herald
