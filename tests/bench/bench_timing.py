"""Measures one command: wall time, CPU time (user + sys) and peak resident
memory, through GNU time (`/usr/bin/time`, Debian package `time`).

The command's own stdout and stderr go to a log file, never to the terminal,
so that the benchmark's table stays readable; the log is named in the error
when the command fails.
"""
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass

GNU_TIME = "/usr/bin/time"


@dataclass
class Sample:
    wall_s: float
    cpu_s: float      # user + sys
    peak_kib: int     # maximum resident set size
    exit_code: int

    @property
    def peak_mib(self):
        return self.peak_kib / 1024.0


def measure(argv, cwd, log_path):
    """Runs `argv` in `cwd` under GNU time; returns a Sample (any exit code).
    The disk is settled first (sync): what earlier commands wrote without
    syncing (Hugo's output) or removed (a previous output tree) is written
    back before the clock starts, so a command pays only for its own I/O."""
    os.sync()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as times, open(log_path, "w") as log:
        proc = subprocess.run([GNU_TIME, "-f", "%e %U %S %M", "-o", times.name, *argv],
                              cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        # GNU time writes "Command exited with non-zero status N" before the
        # figures when the command fails: the figures are the last line.
        fields = times.read().strip().splitlines()[-1].split()
    wall, user, system, peak = fields
    return Sample(float(wall), float(user) + float(system), int(peak), proc.returncode)


def median(samples):
    """Per-figure median of several samples of the same command."""
    return Sample(statistics.median(s.wall_s for s in samples),
                  statistics.median(s.cpu_s for s in samples),
                  int(statistics.median(s.peak_kib for s in samples)),
                  max(s.exit_code for s in samples))


def snapshot(tree):
    """{relative path: (inode, mtime_ns, size)} of every file below `tree`."""
    files = {}
    for root, _dirs, names in os.walk(tree):
        for name in names:
            path = os.path.join(root, name)
            st = os.stat(path)
            files[os.path.relpath(path, tree)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


def rewritten(before, after):
    """Paths created, removed or touched between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
