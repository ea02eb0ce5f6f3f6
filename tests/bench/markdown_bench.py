"""Times `herald check` on one post per known pathological Markdown pattern
(cmark-gfm's test/pathological_tests.py and the 2023 advisories, see
docs/posts.md "Limits and hostile posts") at about 10 KB and 100 KB, and
prints, per pattern, the seconds at each size, whether the post was refused,
and `met` when the 100 KB run took at most 10 times the 10 KB run plus
50 ms (linear, with process start-up), else `missed`."""
import argparse
import os
import subprocess
import tempfile
import time


def rep(text, n):
    return text * max(1, n)


PATTERNS = {
    "nested strong emph": lambda n: rep("*a **a ", n // 14) + "b" + rep(" a** a*", n // 14),
    "many emph closers": lambda n: rep("a_ ", n // 3),
    "many emph openers": lambda n: rep("_a ", n // 3),
    "many link closers": lambda n: rep("a]", n // 2),
    "many link openers": lambda n: rep("[a", n // 2),
    "mismatched openers and closers": lambda n: rep("*a_ ", n // 4),
    "openers and closers multiple of 3": lambda n: "a**b" + rep("c* ", n // 3),
    "link openers and emph closers": lambda n: rep("[ a_", n // 4),
    "pattern [ (]( repeated": lambda n: rep("[ (](", n // 5),
    "pattern ![[]() repeated (CVE-2023-22486)": lambda n: rep("![[]()", n // 6),
    "nested brackets": lambda n: rep("[", n // 2) + "a" + rep("]", n // 2),
    "nested block quotes": lambda n: rep("> ", n // 2) + "a",
    "unclosed links A": lambda n: rep("[a](<b", n // 6),
    "unclosed links B": lambda n: rep("[a](b", n // 5),
    "unclosed <!-- (CVE-2023-22484)": lambda n: "</" + rep("<!--", n // 4),
    "tables": lambda n: rep("aaa\rbbb\n-\v\n", n // 11),
    "wide table over short rows": lambda n: "|" + rep("a|", 200) + "\n|" + rep("-|", 200) + "\n" + rep("a\n", n // 2),
    "repeated link references": lambda n: "[a]: /" + "u" * 1000 + "\n\n" + rep("[a]", n // 3),
    "email autolinks": lambda n: rep("a@", n // 2),
    "raw html nesting": lambda n: rep("<div>", n // 5),
}

CONFIG = """site: {title: T, url: "https://example.org/", author: A}
content: {dir: content}
output: {dir: public}
"""


def run(herald, body):
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "content"))
        with open(os.path.join(work, "herald.yaml"), "w") as f:
            f.write(CONFIG)
        with open(os.path.join(work, "content", "p.md"), "w") as f:
            f.write("---\ntitle: x\ndate: 2021-01-01T00:00:00Z\n---\n" + body + "\n")
        start = time.monotonic()
        r = subprocess.run([herald, "check", "--config", os.path.join(work, "herald.yaml")],
                           capture_output=True, text=True)
        return time.monotonic() - start, r.returncode != 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herald", default="build/daemon/herald")
    args = parser.parse_args()
    for name, make in PATTERNS.items():
        small, small_refused = run(args.herald, make(10_000))
        large, large_refused = run(args.herald, make(100_000))
        verdict = "met" if large <= 10 * small + 0.05 else "missed"
        print(f"{name:45} 10KB {small:7.3f}s{' refused' if small_refused else ''}"
              f"  100KB {large:7.3f}s{' refused' if large_refused else ''}  {verdict}")


if __name__ == "__main__":
    main()
