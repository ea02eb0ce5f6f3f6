#include "daemon/site/write_failures.h"

#include <cstddef>
#include <utility>

namespace herald {
namespace {

struct Cause {
  std::string cause;
  std::size_t count = 0;
  std::string first;
};

// "cannot write /out/rss.xml: No space left on device" -> "No space left on device".
std::string cause_of(const std::string& error) {
  std::size_t colon = error.rfind(": ");
  if (!error.starts_with("cannot ") || colon == std::string::npos) return error;
  return error.substr(colon + 2);
}

}  // namespace

std::string summarize_write_errors(const std::vector<std::string>& errors) {
  std::vector<Cause> causes;  // in order of first appearance
  for (const std::string& error : errors) {
    std::string cause = cause_of(error);
    auto it = causes.begin();
    while (it != causes.end() && it->cause != cause) ++it;
    if (it == causes.end()) it = causes.insert(causes.end(), Cause{std::move(cause), 0, error});
    ++it->count;
  }
  std::string line = std::to_string(errors.size()) +
                     (errors.size() == 1 ? " feed file" : " feed files") +
                     " could not be written: ";
  for (std::size_t i = 0; i < causes.size(); ++i) {
    if (i > 0) line += "; ";
    line += causes[i].cause + " (" + std::to_string(causes[i].count) + ", first: " +
            causes[i].first + ")";
  }
  return line + ". The feeds served are the last ones written; herald retries with backoff";
}

}  // namespace herald
