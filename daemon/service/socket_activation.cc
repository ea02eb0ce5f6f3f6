#include "daemon/service/socket_activation.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <string>

namespace herald {

std::vector<int> inherited_http_sockets() {
  char** names = nullptr;
  int count = sd_listen_fds_with_names(1, &names);
  std::vector<int> named;
  std::vector<int> all;
  for (int i = 0; i < count; ++i) {
    int fd = SD_LISTEN_FDS_START + i;
    all.push_back(fd);
    if (names != nullptr && names[i] != nullptr && std::string(names[i]) == "http") {
      named.push_back(fd);
    }
  }
  if (names != nullptr) {
    for (int i = 0; i < count; ++i) std::free(names[i]);
    std::free(names);
  }
  return named.empty() ? all : named;
}

}  // namespace herald
