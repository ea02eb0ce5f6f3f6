// One log line from any text: what herald logs may quote a remote server's
// body, a file name or a post's title, and none of them may end the line,
// start a forged one or drive the terminal.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// `text` with every byte that could split or disguise a log line written as
// an escape: LF as \n, CR as \r, TAB as \t, other C0 controls, DEL, the C1
// controls (U+0080..U+009F) and bytes that are not valid UTF-8 as \xNN (one
// per byte, lower-case hex). Everything else, valid UTF-8 included, is kept;
// a backslash stays as it is. Returns `text` unchanged when nothing needs
// escaping.
std::string escape_log_text(std::string_view text);

}  // namespace herald
