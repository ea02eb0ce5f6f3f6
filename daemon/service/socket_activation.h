// Listening sockets passed by systemd socket activation (herald.socket):
// the fds named "http" (FileDescriptorName=http), or every passed fd when
// none is named. Empty when herald was not socket-activated; then it binds
// serve.listen itself. The environment variables are unset after reading,
// so child processes do not inherit them.
#pragma once

#include <vector>

namespace herald {

std::vector<int> inherited_http_sockets();

}  // namespace herald
