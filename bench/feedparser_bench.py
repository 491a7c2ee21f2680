#!/usr/bin/python3
"""Baseline for bench/feed_bench.cpp: Debian's python3-feedparser on the same two feeds.

One repetition parses each file once with feedparser.parse(bytes), in one or both modes:
  plain    sanitize_html=False, resolve_relative_uris=False: parsing only, as feed::parse does
           (the like-with-like comparison, the headline in docs/benchmarks.md);
  default  feedparser's defaults, which also sanitize every HTML field (its _HTMLSanitizer) and
           make relative URIs inside HTML absolute: work newszone does afterwards, in
           nz::sanitize, outside feed::parse.
The bytes are read before the clock starts; an untimed warm-up parse of a 50-item feed of the
same shape (bench/gen_feed_bench.py) comes first. Timed in CPU time (time.process_time, the
headline: a loaded, shared machine disturbs it far less) and wall clock (time.perf_counter).
Each parse is checked to give the file's items and bozo = 0.

Usage: /usr/bin/python3 bench/feedparser_bench.py --rss FILE --atom FILE
           [--modes plain,default] [--repetitions R] [--json OUT]
"""

import argparse
import json
import pathlib
import platform
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

try:
    import feedparser
except ImportError:
    sys.exit("feedparser_bench.py: needs python3-feedparser (apt-get install -y python3-feedparser)")

import gen_feed_bench  # noqa: E402  (the same generator, for the warm-up feed)

MODES = {
    "plain": {"sanitize_html": False, "resolve_relative_uris": False},
    "default": {},
}


def parse_once(data, mode, expected):
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = feedparser.parse(data, **MODES[mode])
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    if len(result.entries) != expected or result.bozo:
        sys.exit(f"feedparser_bench.py: {mode} parse gave {len(result.entries)} entries, "
                 f"bozo={result.bozo} ({result.get('bozo_exception')})")
    return cpu, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rss", required=True)
    ap.add_argument("--atom", required=True)
    ap.add_argument("--modes", default="plain,default")
    ap.add_argument("--items", type=int, default=10000, help="items per file, for checking")
    ap.add_argument("--repetitions", type=int, default=1)
    ap.add_argument("--json")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in MODES:
            sys.exit(f"feedparser_bench.py: unknown mode {m!r} (plain, default)")

    warm = gen_feed_bench.rss(50, 3).encode()
    for m in modes:
        feedparser.parse(warm, **MODES[m])

    out = {"feedparser_version": feedparser.__version__,
           "python": platform.python_version(), "items": args.items, "results": {}}
    for name, path in (("rss20", args.rss), ("atom10", args.atom)):
        data = pathlib.Path(path).read_bytes()
        for m in modes:
            cpu, wall = [], []
            for _ in range(args.repetitions):
                c, w = parse_once(data, m, args.items)
                cpu.append(c)
                wall.append(w)
                print(f"{name} {m:7}: {args.items / c:8.1f} items/s CPU, "
                      f"{args.items / w:8.1f} items/s wall", flush=True)
            out["results"].setdefault(name, {})[m] = {
                "cpu_s": cpu, "wall_s": wall,
                "items_per_s_cpu": args.items / statistics.median(cpu),
                "items_per_s_wall": args.items / statistics.median(wall)}
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
