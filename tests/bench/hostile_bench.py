"""Benchmark: does `herald run` stay responsive while it processes the worst
post the budgets allow? (issue 13; docs/posts.md "Limits and hostile
posts"). Starts the daemon on the generated site of WORK/corpus-N, writes
one post that fills every budget at its default (1 MiB: a 100 x 92 table,
1,000 images, 1,900 raw HTML tags, nesting to 60 levels, and the slowest
linear Markdown known, `a@` repeated), and while the site thread processes
it asks /healthz, /rss.xml and /metrics over fresh connections, and
`status` over the control socket, one request after the other, until the
post is handled. Prints each endpoint's
latencies (median, p99, max) and the goal: p99 under 50 ms, met or missed.

Usage: tests/bench/run_hostile_bench.sh [--size 10000] [--herald PATH]
         [--work DIR] [--rounds 3]
Standard library only.
"""
import argparse
import http.client
import os
import shutil
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_sites as sites  # noqa: E402
import daemon_bench as daemon_bench  # noqa: E402

GOAL_MS = 50.0
POST_DIR = "zz-hostile-bench"


def worst_post(news_id):
    """A post within every default budget, as costly as they allow."""
    head = ("---\ntitle: \"Hostil %d\"\ndate: 2020-01-01T00:00:00.000-06:00\nnews_id: %d\n"
            "section: \"Cultura\"\n---\n\n" % (news_id, news_id))
    parts = [">" * 60 + " anidado\n\n"]
    parts.append("|" + "|".join("c%d" % i for i in range(100)) + "|\n")
    parts.append("|" + "|".join("-" for _ in range(100)) + "|\n")
    parts.extend("|" + "|".join("x" for _ in range(100)) + "|\n" for _ in range(90))
    parts.append("\n" + " ".join("![i](/i%d.png)" % i for i in range(1000)) + "\n\n")
    parts.append("<div>" + "<span>x</span>" * 1900 + "</div>\n\n")
    body = "".join(parts)
    budget = 1024 * 1024 - len(head) - len(body) - 64
    body += "a@" * (budget // 2) + "\n"
    return head + body


def get(port, path):
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return (time.monotonic() - started) * 1000, status


def control_status(socket_path):
    """One `status` exchange on the control socket, as `herald status` does."""
    started = time.monotonic()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(30)
        s.connect(socket_path)
        s.sendall(b'{"command": "status"}\n')
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
    if b'"ok":true' not in reply:
        raise RuntimeError("control socket answered %r" % reply[:200])
    return (time.monotonic() - started) * 1000


def percentile(values, q):
    return daemon_bench.percentile(values, q)


def one_round(port, control_socket, post_path, news_id, log_path):
    latencies = {"/healthz": [], "/rss.xml": [], "/metrics": [], "control": []}
    done = threading.Event()

    def poll():
        while not done.is_set():
            for path in latencies:
                if path == "control":
                    latencies[path].append(control_status(control_socket))
                else:
                    latencies[path].append(get(port, path)[0])

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.2)
    started = time.monotonic()
    daemon_bench.write_closed(post_path, worst_post(news_id))
    # The daemon logs the post's fate: "added .../hN.md" or its error line.
    name = ("h%d.md" % news_id).encode()
    outcome = "timed out"
    deadline = started + 120
    while time.monotonic() < deadline and outcome == "timed out":
        with open(log_path, "rb") as f:
            for line in f:
                if name in line:
                    outcome = "refused" if b"error" in line else "published"
                    break
        time.sleep(0.005)
    handled = time.monotonic() - started
    time.sleep(0.3)
    done.set()
    poller.join()
    return latencies, handled, outcome


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=10000)
    p.add_argument("--herald", default=os.path.join(daemon_bench.REPO, "build/daemon/herald"))
    p.add_argument("--work", default="/tmp/herald-bench")
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    corpus = sites.ensure_corpus(a.work, os.path.join(daemon_bench.REPO, "..", "shared"), a.size)
    port = daemon_bench.free_port()
    config = daemon_bench.herald_config(a.work, corpus, a.size, port)
    logs = os.path.join(a.work, "logs")
    os.makedirs(logs, exist_ok=True)
    log_path = os.path.join(logs, "hostile.log")
    post_dir = os.path.join(corpus, "_posts", POST_DIR)
    os.makedirs(post_dir, exist_ok=True)
    daemon = daemon_bench.Daemon(a.herald, config, log_path)
    all_ms = {}
    try:
        daemon.wait_ready(1800)
        for r in range(a.rounds):
            news_id = 990000000 + r
            control = os.path.join(a.work, "state-%d" % a.size, "control.sock")
            latencies, handled, outcome = one_round(
                port, control, os.path.join(post_dir, "h%d.md" % news_id), news_id, log_path)
            print("round %d: the worst allowed post %s in %.2f s" % (r + 1, outcome, handled))
            for path, values in latencies.items():
                all_ms.setdefault(path, []).extend(values)
    finally:
        shutil.rmtree(post_dir, ignore_errors=True)
        daemon.stop()
    worst = 0.0
    for path, values in all_ms.items():
        p99 = percentile(values, 0.99)
        worst = max(worst, p99)
        print("%-10s n=%d median %.1f ms  p99 %.1f ms  max %.1f ms" %
              (path, len(values), percentile(values, 0.5), p99, max(values)))
    print("goal (p99 < %.0f ms while the worst allowed post is processed): %s" %
          (GOAL_MS, "met" if worst < GOAL_MS else "missed"))


if __name__ == "__main__":
    main()
