#include "feeds/diagnostic.h"

namespace herald {

std::string Diagnostic::to_string() const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += warning ? ": warning: " : ": error: ";
  out += message;
  return out;
}

}  // namespace herald
