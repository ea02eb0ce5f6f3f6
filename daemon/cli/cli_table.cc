#include "daemon/cli/cli_table.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace herald {
namespace {

// Columns of one code point; negative: an invalid byte.
int code_point_width(UChar32 c) {
  if (c < 0) return 1;
  int type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

bool is_control(UChar32 c) { return c >= 0 && u_charType(c) == U_CONTROL_CHAR; }

std::string single_line(std::string_view text) {
  return fit_width(text, std::string_view::npos);
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    width += static_cast<std::size_t>(code_point_width(c));
  }
  return width;
}

std::string fit_width(std::string_view utf8, std::size_t width) {
  bool cut = display_width(utf8) > width;
  std::size_t budget = cut ? width - std::min<std::size_t>(width, 1) : width;
  std::string out;
  std::size_t used = 0;
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    auto w = static_cast<std::size_t>(code_point_width(c));
    if (used + w > budget) break;
    used += w;
    if (is_control(c)) {
      out += ' ';
    } else {
      out.append(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  if (cut && width > 0) out += "…";
  return out;
}

TextTable::TextTable(std::vector<std::string> header) : right_(header.size(), false) {
  rows_.push_back(std::move(header));
}

void TextTable::align_right(std::size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(right_.size());
  for (std::string& cell : cells) cell = single_line(cell);
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  std::vector<std::size_t> widths(right_.size(), 0);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string pad(widths[c] - display_width(row[c]), ' ');
      if (c > 0) line += "  ";
      line += right_[c] ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + '\n';
  }
  return out;
}

}  // namespace herald
