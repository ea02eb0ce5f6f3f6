// Aligned text tables for the CLI's human output. Widths are measured in
// terminal columns, not bytes: "Inauguración" is 12 columns; combining
// marks take none, East Asian wide characters two (ICU properties).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

// Terminal columns `utf8` takes. Invalid bytes count one column each.
std::size_t display_width(std::string_view utf8);
// `utf8` cut to at most `width` columns, ending in "…" when cut; control
// characters (newlines, tabs) become spaces.
std::string fit_width(std::string_view utf8, std::size_t width);

// Rows of cells, rendered with columns two spaces apart and a header row.
// Cells are single-line (control characters become spaces); the last column
// is not padded, so lines carry no trailing spaces.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header);
  // Right-aligns column `column` (numbers).
  void align_right(std::size_t column);
  // `cells` shorter than the header are padded with empty cells.
  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.size() == 1; }
  std::string render() const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0]: the header
  std::vector<bool> right_;
};

}  // namespace herald
