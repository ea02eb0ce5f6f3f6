// Who is on the other end of a control connection: the Unix user the
// kernel reports for the peer (SO_PEERCRED), by name. The audit of editors'
// decisions records it (outbox.h AuditEntry::actor); nothing is authorised
// by it (the socket's 0600 mode does that).
#pragma once

#include <string>

namespace herald {

// The user name of the peer of the connected Unix socket `fd` ("alice"),
// "uid 1001" when the uid has no name, "cli" when the kernel does not say.
std::string control_peer_user(int fd);

}  // namespace herald
