// LogCapture: routes spdlog's default logger into a string while alive, at
// `level` and above, as "<level>: <message>" lines.
#pragma once

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>

namespace herald::test {

struct LogCapture {
  explicit LogCapture(spdlog::level::level_enum level = spdlog::level::info)
      : previous(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
    sink->set_pattern("%l: %v");
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(level);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> previous;
};

}  // namespace herald::test
