// The git commit the `herald` binary was built from, for `herald version`:
// the abbreviated hash of HEAD (`git rev-parse --short HEAD`), with
// "-dirty" when tracked files differed from it, or "unknown" when the
// source was not a git checkout (a source tarball) or git was missing.
// Defined in a .cc generated at every build by daemon/build_commit.cmake,
// rewritten only when the commit changes: a commit recompiles that file alone.
#pragma once

namespace herald {

const char* build_commit();

}  // namespace herald
