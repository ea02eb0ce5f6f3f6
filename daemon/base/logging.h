// Process-wide logging through spdlog. Under systemd (stderr is the journal:
// $JOURNAL_STREAM names stderr's device and inode) every line goes to stderr
// with a "<N>" syslog-priority prefix that journald turns into the entry's
// priority, without a timestamp (journald adds one). Elsewhere (a terminal,
// CI, tests) lines are "2026-11-29 10:00:00.123 info message", coloured on a
// terminal. Every message is exactly one line: its text is escaped at this
// seam (feeds/log_text.h: a newline becomes \n, ESC \x1b...), so a remote
// server's error body or a file name quoted in a message cannot forge a line,
// whichever call site logs it.
#pragma once

#include "config/config.h"

namespace herald {

// True when stderr is connected to the journal.
bool stderr_is_journal();

// Replaces the default logger. Safe to call again (a reload changes the level).
void setup_logging(LogLevel level);

}  // namespace herald
