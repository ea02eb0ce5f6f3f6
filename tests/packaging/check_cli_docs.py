#!/usr/bin/env python3
"""Every command and option `herald --help` lists is in herald(1) and in the
bash, zsh and fish completions (packaging/man, packaging/completions), so the
hand-kept pages cannot drift from the CLI.

Usage: check_cli_docs.py HERALD_BINARY SOURCE_DIR
Prints each omission as `<file>: missing <command> <option>`; exits 1 if any.
"""
import re
import subprocess
import sys


def help_text(herald, *command):
    done = subprocess.run([herald, *command, "--help"], capture_output=True, text=True, check=True)
    return done.stdout


def section(text, title):
    """The first words of the indented lines under `title:` in CLI11's help
    (a wrapped description's words too: callers keep what they expect)."""
    words, inside = [], False
    for line in text.splitlines():
        if not line.startswith(" "):
            inside = line.strip() == title + ":"
        elif inside and line.strip():
            words.append(line.split()[0])
    return words


def options(text):
    """Every option name, e.g. ['-c', '--config'] for `-c,--config TEXT`."""
    entries = [entry for entry in section(text, "Options") if entry.startswith("-")]
    return [name for entry in entries for name in entry.split(",")]


def cli(herald):
    """{command: [options]}, the program's own options under ''."""
    top = help_text(herald)
    commands = {"": options(top)}
    for command in section(top, "Subcommands"):
        commands[command] = options(help_text(herald, command))
    return commands


def plain_roff(text):
    text = re.sub(r"\\f[BIRP]", "", text)
    return text.replace("\\-", "-").replace("\\&", "")


def missing(commands, name, text, long_only=False):
    gaps = []
    for command, names in commands.items():
        if command and not re.search(r"\b%s\b" % re.escape(command), text):
            gaps.append(f"{name}: missing command {command}")
        for option in names:
            word = option.lstrip("-")
            if long_only and not option.startswith("--"):
                continue
            pattern = r"(?<![\w-])%s(?![\w-])" % re.escape(option)
            if not re.search(pattern, text) and not (name.endswith(".fish") and
                                                     re.search(r"-[sl] %s\b" % re.escape(word), text)):
                gaps.append(f"{name}: missing {command or 'herald'} {option}")
    return gaps


def main():
    herald, source = sys.argv[1], sys.argv[2]
    commands = cli(herald)
    if len(commands) < 2:
        print("check_cli_docs: no commands found in `herald --help`")
        return 1
    gaps = []
    with open(f"{source}/packaging/man/herald.1.in") as f:
        gaps += missing(commands, "herald.1.in", plain_roff(f.read()))
    for name in ("herald.bash", "_herald", "herald.fish"):
        with open(f"{source}/packaging/completions/{name}") as f:
            gaps += missing(commands, name, f.read())
    for gap in gaps:
        print(gap)
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
