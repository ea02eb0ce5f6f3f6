#include "daemon/service/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <spdlog/fmt/fmt.h>

namespace herald {
namespace {

void gauge(std::string& out, const char* name, const char* type, const char* help, double value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

std::string process_metrics(std::int64_t start_time) {
  std::string out;
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  gauge(out, "process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds.",
        seconds(usage.ru_utime) + seconds(usage.ru_stime));
  // statm: sizes in pages, virtual then resident.
  std::uint64_t size_pages = 0, resident_pages = 0;
  std::ifstream statm("/proc/self/statm");
  if (statm >> size_pages >> resident_pages) {
    double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
    gauge(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
          static_cast<double>(size_pages) * page);
    gauge(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
          static_cast<double>(resident_pages) * page);
  }
  std::error_code ec;
  std::size_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++fds;
  }
  gauge(out, "process_open_fds", "gauge", "Number of open file descriptors.",
        static_cast<double>(fds));
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    gauge(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
          static_cast<double>(limit.rlim_cur));
  }
  gauge(out, "process_start_time_seconds", "gauge",
        "Start time of the process since unix epoch in seconds.", static_cast<double>(start_time));
  return out;
}

}  // namespace herald
