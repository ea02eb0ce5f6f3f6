// free_port(): a TCP port on 127.0.0.1 that nothing listens on now, for a
// test's server (the daemon's listeners, the fakes, PostgreSQL). Never the
// same twice in one process (two calls in a row used to get one port: a
// daemon given it for serve.listen and console.listen could not start), and
// never one another test process may hand out: ports come in blocks of 100
// below the kernel's ephemeral range, each block locked (lock_file) by one
// process until it ends. Below that range no process's outgoing connection
// takes the port before the server binds it (ctest runs two test processes
// at once).
#pragma once

namespace herald::test {

// Throws std::runtime_error when no block below the range is free.
int free_port();

}  // namespace herald::test
