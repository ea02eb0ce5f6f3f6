#!/usr/bin/python3
"""Benchmark of `herald build` against Hugo, on the same generated posts, in
the same run. For each size: a full build by each tool (output removed first),
RUNS times, interleaved; plus herald's no-op rebuild (same tree, output
present: no file may be rewritten), and the same site with a state
directory: its first build (every post stamped, the manifest written) and a
build in which nothing changed (issue 18: at most 0.5 s at 100,000). Prints the per-figure medians (wall
seconds, CPU seconds = user + sys, peak resident MiB), the ratios, the
per-post cost across sizes (linear growth), and the goals: herald at least 5x
faster than Hugo (wall) and with less peak memory at every size, cost growing
linearly, and the main feed's archive adding at most 20% to a full build
(against the same build with `archive: false`). The figures are also written to WORK/results.json.

Exit status: 0 when every build succeeded and wrote what it should (1 with
--check-goals when a goal is missed); 2 on a failed build or bad usage.
See docs/benchmarks.md.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import bench_sites as sites  # noqa: E402
from bench_timing import measure, median, rewritten, snapshot  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEEDUP_GOAL = 5.0
# Issue 17: the RFC 5005 archive may add this much to a full build's wall time.
ARCHIVE_COST_GOAL = 0.20
# Issue 18, at the sizes it names: a full build's wall seconds and peak MiB,
# and how much faster than Hugo it must be in the same run.
SCALE_GOALS = {100000: (3.0, 200.0), 1000000: (40.0, 1024.0)}
SCALE_SPEEDUP_GOAL = 8.0
# Issue 18: a build in which nothing changed, with a state directory, at 100,000 posts.
STATE_NOOP_GOAL = {100000: 0.5}
# Per-post CPU time may grow this much, largest vs smallest size. CPU, not
# wall: on a shared machine wall time also counts the waits for a core.
LINEAR_TOLERANCE = 1.25


class BenchError(Exception):
    pass


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="post counts, comma separated")
    ap.add_argument("--herald", help="herald binary (default: build/daemon/herald, built if missing)")
    ap.add_argument("--work", default="/tmp/herald-bench", help="work directory, reused between runs")
    ap.add_argument("--runs", type=int, default=3, help="builds per tool and size; the median is shown")
    ap.add_argument("--tools", default="hugo,herald", help="which of hugo,herald to run")
    ap.add_argument("--check-goals", action="store_true", help="exit 1 when a goal is missed")
    a = ap.parse_args()
    a.sizes = sorted({int(s) for s in a.sizes.split(",") if s})
    a.tools = [t for t in ("hugo", "herald") if t in a.tools.split(",")]
    if not a.sizes or min(a.sizes) < 1 or a.runs < 1 or not a.tools:
        ap.error("--sizes, --runs and --tools need at least one positive value / known tool")
    a.work = os.path.abspath(a.work)
    return a


def find_herald(explicit):
    if explicit:
        path = os.path.abspath(explicit)
    else:
        path = os.path.join(ROOT, "build", "daemon", "herald")
        if not os.access(path, os.X_OK):
            print("bench: %s missing: running .ci/setup" % path, file=sys.stderr, flush=True)
            subprocess.run([os.path.join(ROOT, ".ci", "setup")], check=True)
    if not os.access(path, os.X_OK):
        raise BenchError("no herald binary at %s" % path)
    return path


def first_line(argv):
    out = subprocess.run(argv, capture_output=True, text=True).stdout.strip()
    return out.splitlines()[0] if out else "unknown"


def machine(tools, herald):
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    info = {"cpus": os.cpu_count(), "cpu_model": model, "kernel": platform.release(),
            "load_average_at_start": os.getloadavg()}
    if "hugo" in tools:
        info["hugo"] = first_line(["hugo", "version"])
    if "herald" in tools:
        info["herald"] = first_line([herald, "version"])
    return info


def clean(*paths):
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def hugo_build(work, site, size, log):
    out = os.path.join(work, "out-hugo-%d" % size)
    cache = os.path.join(work, "hugo-cache-%d" % size)
    clean(out, cache, os.path.join(site, "resources"))
    sample = measure(["hugo", "--quiet", "--destination", out, "--cacheDir", cache], site, log)
    if sample.exit_code != 0:
        raise BenchError("hugo failed (exit %d), see %s" % (sample.exit_code, log))
    return sample, out


def herald_build(herald, config, log):
    sample = measure([herald, "build", "--config", config], os.path.dirname(config), log)
    if sample.exit_code == 1:
        print("bench: warning: herald reported posts with errors, see %s" % log, file=sys.stderr)
    elif sample.exit_code != 0:
        raise BenchError("herald build failed (exit %d), see %s" % (sample.exit_code, log))
    return sample


def verify(tool, problems_and_summary):
    problems, summary = problems_and_summary
    if problems:
        raise BenchError("%s output incomplete: %s" % (tool, "; ".join(problems)))
    print("bench: %s output checked: %d-item main feed, %s" % (tool, sites.FEED_LIMIT, summary),
          file=sys.stderr, flush=True)


def bench_size(a, shared, herald, size):
    """{'hugo': Sample, 'herald': Sample, 'herald no-op': Sample} medians, + no-op rewrites."""
    corpus = sites.ensure_corpus(a.work, shared, size)
    hugo_site = sites.ensure_hugo_site(a.work, corpus, size)
    config = sites.write_herald_config(a.work, corpus, size)
    herald_out = os.path.join(a.work, "out-herald-%d" % size)
    bare_config = sites.write_herald_config(a.work, corpus, size, archive=False)
    bare_out = os.path.join(a.work, "out-herald-noarchive-%d" % size)
    state_dir = os.path.join(a.work, "state-herald-%d" % size)
    state_config = sites.write_herald_config(a.work, corpus, size, state_dir=state_dir)
    sites.warm_page_cache(corpus)
    logs = os.path.join(a.work, "logs")
    os.makedirs(logs, exist_ok=True)
    samples = {"hugo": [], "herald": [], "herald no-op": [], "herald no-archive": [],
               "herald first (state)": [], "herald no-op (state)": []}
    touched = 0
    for run in range(1, a.runs + 1):
        print("bench: %d posts, run %d of %d" % (size, run, a.runs), file=sys.stderr, flush=True)
        if "hugo" in a.tools:
            sample, hugo_out = hugo_build(a.work, hugo_site, size, os.path.join(logs, "hugo-%d-%d.log" % (size, run)))
            samples["hugo"].append(sample)
        if "herald" in a.tools:
            clean(herald_out)
            samples["herald"].append(herald_build(herald, config, os.path.join(logs, "herald-%d-%d.log" % (size, run))))
            before = snapshot(herald_out)
            samples["herald no-op"].append(
                herald_build(herald, config, os.path.join(logs, "herald-noop-%d-%d.log" % (size, run))))
            clean(bare_out)
            samples["herald no-archive"].append(
                herald_build(herald, bare_config, os.path.join(logs, "herald-noarchive-%d-%d.log" % (size, run))))
            changed = rewritten(before, snapshot(herald_out))
            # With a state directory: the first build stamps every post and
            # writes the manifest; the next one finds nothing changed.
            shutil.rmtree(state_dir, ignore_errors=True)
            samples["herald first (state)"].append(
                herald_build(herald, state_config, os.path.join(logs, "herald-state-%d-%d.log" % (size, run))))
            before = snapshot(herald_out)
            samples["herald no-op (state)"].append(
                herald_build(herald, state_config, os.path.join(logs, "herald-noop-state-%d-%d.log" % (size, run))))
            changed += rewritten(before, snapshot(herald_out))
            touched = max(touched, len(changed))
            if changed:
                print("bench: warning: the no-op rebuild rewrote %d of %d files, e.g. %s"
                      % (len(changed), len(before), changed[0]), file=sys.stderr)
    if "hugo" in a.tools:
        verify("hugo", sites.check_hugo_output(hugo_out))
    if "herald" in a.tools:
        verify("herald", sites.check_herald_output(herald_out))
    return {tool: median(s) for tool, s in samples.items() if s}, touched


def ratio(num, den):
    return num / den if den > 0 else float("inf")


def report(results, sizes):
    """Prints the table, ratios and goals; returns True when every goal is met."""
    print("\n%-9s %-22s %8s %8s %9s %12s %11s"
          % ("posts", "tool", "wall s", "CPU s", "peak MiB", "wall us/post", "CPU us/post"))
    for size in sizes:
        for tool, s in results[size]["medians"].items():
            print("%-9d %-22s %8.2f %8.2f %9.1f %12.1f %11.1f"
                  % (size, tool, s.wall_s, s.cpu_s, s.peak_mib, s.wall_s * 1e6 / size, s.cpu_s * 1e6 / size))
    print()
    met = True
    for size in sizes:
        m = results[size]["medians"]
        if "herald no-op" in m:
            touched = results[size]["noop_rewritten"]
            print("%d posts: herald no-op rebuild %.2f s wall, %d files rewritten; goal (none): %s"
                  % (size, m["herald no-op"].wall_s, touched, "met" if touched == 0 else "MISSED"))
            met &= touched == 0
        if "herald no-op (state)" in m:
            noop = m["herald no-op (state)"]
            line = ("%d posts: herald no-op build with a state directory %.2f s wall, %.0f MiB peak"
                    % (size, noop.wall_s, noop.peak_mib))
            if size in STATE_NOOP_GOAL:
                goal = noop.wall_s <= STATE_NOOP_GOAL[size]
                line += "; goal (issue 18, <= %.1f s): %s" % (STATE_NOOP_GOAL[size], "met" if goal else "MISSED")
                met &= goal
            print(line)
        if "herald no-archive" in m:
            cost = ratio(m["herald"].wall_s, m["herald no-archive"].wall_s) - 1.0
            print("%d posts: the archive adds %.0f%% to a full build (wall; %.0f%% CPU, %+.0f MiB peak)"
                  % (size, cost * 100, (ratio(m["herald"].cpu_s, m["herald no-archive"].cpu_s) - 1.0) * 100,
                     m["herald"].peak_mib - m["herald no-archive"].peak_mib))
            goal = cost <= ARCHIVE_COST_GOAL
            print("  goal (<= %.0f%%): %s" % (ARCHIVE_COST_GOAL * 100, "met" if goal else "MISSED"))
            met &= goal
        if "hugo" in m and "herald" in m:
            speed = ratio(m["hugo"].wall_s, m["herald"].wall_s)
            memory = ratio(m["hugo"].peak_kib, m["herald"].peak_kib)
            print("%d posts: herald is %.1fx faster than hugo (wall), %.1fx less CPU, uses %.1fx less peak memory"
                  % (size, speed, ratio(m["hugo"].cpu_s, m["herald"].cpu_s), memory))
            goal = speed >= SPEEDUP_GOAL and memory > 1.0
            print("  goal (>= %.0fx faster, less peak memory): %s" % (SPEEDUP_GOAL, "met" if goal else "MISSED"))
            met &= goal
        if "herald" in m and size in SCALE_GOALS:
            wall_goal, peak_goal = SCALE_GOALS[size]
            h = m["herald"]
            print("%d posts (issue 18): full build %.2f s, goal (<= %.0f s): %s; peak %.0f MiB, goal (<= %.0f MiB): %s"
                  % (size, h.wall_s, wall_goal, "met" if h.wall_s <= wall_goal else "MISSED",
                     h.peak_mib, peak_goal, "met" if h.peak_mib <= peak_goal else "MISSED"))
            met &= h.wall_s <= wall_goal and h.peak_mib <= peak_goal
            if "hugo" in m:
                speed = ratio(m["hugo"].wall_s, h.wall_s)
                print("  %.1fx faster than hugo, goal (>= %.0fx): %s"
                      % (speed, SCALE_SPEEDUP_GOAL, "met" if speed >= SCALE_SPEEDUP_GOAL else "MISSED"))
                met &= speed >= SCALE_SPEEDUP_GOAL
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for tool in results[lo]["medians"]:
            small, large = results[lo]["medians"][tool], results[hi]["medians"][tool]
            wall = ratio(large.wall_s / hi, small.wall_s / lo)
            cpu = ratio(large.cpu_s / hi, small.cpu_s / lo)
            line = "%s: per-post cost at %d posts vs %d: wall %.2fx, CPU %.2fx (1.00 = linear)" % (tool, hi, lo, wall, cpu)
            if tool == "herald":
                linear = cpu <= LINEAR_TOLERANCE
                line += "; goal (CPU <= %.2f): %s" % (LINEAR_TOLERANCE, "met" if linear else "MISSED")
                met &= linear
            print(line)
    return met


def main():
    a = parse_args()
    started = time.monotonic()
    shared = os.environ.get("HERALD_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
    try:
        if "hugo" in a.tools and not shutil.which("hugo"):
            raise BenchError("hugo not found (Debian package hugo)")
        herald = find_herald(a.herald) if "herald" in a.tools else None
        os.makedirs(a.work, exist_ok=True)
        info = machine(a.tools, herald)
        print("bench: %s" % json.dumps(info, ensure_ascii=False), file=sys.stderr, flush=True)
        results = {}
        for size in a.sizes:
            medians, touched = bench_size(a, shared, herald, size)
            results[size] = {"medians": medians, "noop_rewritten": touched}
    except (BenchError, subprocess.CalledProcessError) as e:
        print("bench: error: %s" % e, file=sys.stderr)
        return 2
    met = report(results, a.sizes)
    elapsed = time.monotonic() - started
    info["load_average_at_end"] = os.getloadavg()
    print("\nbench: %d run(s) per tool, medians shown; took %.0f s; load average %.1f at start, %.1f at end;"
          " work dir %s" % (a.runs, elapsed, info["load_average_at_start"][0], info["load_average_at_end"][0], a.work))
    with open(os.path.join(a.work, "results.json"), "w") as f:
        json.dump({"machine": info, "runs": a.runs, "elapsed_s": round(elapsed, 1),
                   "results": {size: {"noop_rewritten": r["noop_rewritten"],
                                      **{tool: vars(s) for tool, s in r["medians"].items()}}
                               for size, r in results.items()}}, f, indent=2, ensure_ascii=False)
    return 1 if a.check_goals and not met else 0


if __name__ == "__main__":
    sys.exit(main())
