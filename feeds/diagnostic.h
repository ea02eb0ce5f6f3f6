// Diagnostic: one problem found in an input file, reported as
//   path:line:col: error: what is wrong and how to fix it
// (`warning:` instead of `error:` for a warning).
// Line and column are 1-based; 0 means "unknown" and is left out of the text.
// Modules return diagnostics as values; only the daemon decides where they go.
#pragma once

#include <string>

namespace herald {

struct Diagnostic {
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;  // "what is wrong; what to do", no trailing period needed
  bool warning = false; // the input is used anyway (e.g. a post published without its image)

  // The one-line form shown to users and asserted by tests.
  std::string to_string() const;
};

}  // namespace herald
