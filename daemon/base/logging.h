// Process-wide logging through spdlog. Under systemd (stderr is the journal:
// $JOURNAL_STREAM names stderr's device and inode) every line goes to stderr
// with a "<N>" syslog-priority prefix that journald turns into the entry's
// priority, without a timestamp (journald adds one); a multi-line message
// becomes one entry per line. Elsewhere (a terminal, CI, tests) lines are
// "2026-11-29 10:00:00.123 info message", coloured on a terminal.
#pragma once

#include "config/config.h"

namespace herald {

// True when stderr is connected to the journal.
bool stderr_is_journal();

// Replaces the default logger. Safe to call again (a reload changes the level).
void setup_logging(LogLevel level);

}  // namespace herald
