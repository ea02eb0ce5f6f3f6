// Fuzzes the configuration loader: bytes -> parse_config (YAML, every
// section's validation, environment expansion, credential and CA files).
// Any result is fine (a configuration, or errors: never both, never
// neither); a crash, a hang, a leak or undefined behaviour is not.
// Relative paths resolve under a directory that does not exist, so nothing
// of the tree is read; the runner gives the fuzzer an empty stdin
// (run_fuzzers.sh), so a path such as /dev/stdin cannot block it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  herald::ConfigResult result = herald::parse_config(text, "/nonexistent/herald-fuzz/herald.yaml");
  herald::fuzz::require(result.config.has_value() != !result.errors.empty(),
                        "parse_config gave both a configuration and errors, or neither", text);
  return 0;
}
