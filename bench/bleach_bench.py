#!/usr/bin/python3
"""Baseline for bench/sanitize_bench.cpp: Debian's python3-bleach on the same article corpus.

One pass = every tests/testdata/articles/*.html (sorted, same order as the C++ side) cleaned
once by one reused bleach.Cleaner (reusing it is bleach's fast path; bleach.clean() builds a
new Cleaner per call). An untimed warm-up pass first, then --repetitions timed runs of
--passes passes each, timed both in CPU time (time.process_time, the headline: a loaded,
shared machine disturbs it far less) and wall clock (time.perf_counter). Prints one line per
repetition and the medians in MB/s (10^6 bytes of input HTML per second); --json writes the
results to a file.

The allowlist mirrors src/sanitize/html_sanitizer.cpp: the same tags, the same attributes
per tag, href/src/cite limited to http, https and mailto, comments stripped, everything else
stripped with its text kept, iframes only from the default player hosts. Our sanitizer does
more on top (absolute URLs, rel/loading/decoding/sandbox attributes, lazy-image rewriting,
a nesting limit, and a check that its output is stable when sanitized again: a model of the
re-parse on every call, the re-parse itself when the model cannot vouch for the output), so
the comparison leans in bleach's favour.

Usage: /usr/bin/python3 bench/bleach_bench.py [--passes N] [--repetitions R] [--corpus DIR]
"""

import argparse
import json
import pathlib
import statistics
import sys
import time
from urllib.parse import urlsplit

try:
    import bleach
except ImportError:
    sys.exit("bleach_bench.py: needs python3-bleach (apt-get install -y python3-bleach)")

TAGS = [
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "small", "mark", "q", "cite", "abbr", "time", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "hr", "a", "img", "picture", "source", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "iframe",
]

IFRAME_HOSTS = {"www.youtube.com", "youtube.com", "www.youtube-nocookie.com",
                "player.vimeo.com"}

GLOBAL_ATTRS = ["title", "lang", "dir"]
PER_TAG = {
    "a": ["href", "target"],
    "img": ["src", "srcset", "sizes", "alt", "width", "height"],
    "source": ["srcset", "sizes", "media", "type"],
    "q": ["cite"],
    "blockquote": ["cite"],
    "time": ["datetime"],
    "ol": ["start", "reversed", "type"],
    "li": ["value"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}


def allow_attr(tag, name, value):
    if tag == "iframe":
        if name == "src":
            try:
                parts = urlsplit(value.strip())
            except ValueError:
                return False
            return parts.scheme in ("http", "https", "") and parts.hostname in IFRAME_HOSTS
        return name in ("width", "height", "allowfullscreen", "title")
    return name in GLOBAL_ATTRS or name in PER_TAG.get(tag, ())


def make_cleaner():
    return bleach.sanitizer.Cleaner(
        tags=TAGS,
        attributes=allow_attr,
        protocols=["http", "https", "mailto"],
        strip=True,
        strip_comments=True,
    )


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=50)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--corpus", type=pathlib.Path, default=root / "tests/testdata/articles")
    ap.add_argument("--json", type=pathlib.Path, help="write results to this file")
    args = ap.parse_args()

    paths = sorted(p for p in args.corpus.iterdir() if p.suffix == ".html" and p.is_file())
    if not paths:
        sys.exit(f"bleach_bench.py: no *.html files in {args.corpus}")
    raw = [p.read_bytes() for p in paths]
    corpus_bytes = sum(len(b) for b in raw)
    # bleach takes str; decoding is outside the timed loop (the C++ side takes bytes as is).
    docs = [b.decode("utf-8", errors="replace") for b in raw]

    cleaner = make_cleaner()
    for d in docs:  # warm-up, untimed
        if not cleaner.clean(d):
            sys.exit("bleach_bench.py: empty output for a corpus file")

    rates, wall_rates = [], []
    for rep in range(args.repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(args.passes):
            for d in docs:
                cleaner.clean(d)
        cpu = time.process_time() - start_cpu
        wall = time.perf_counter() - start
        rates.append(corpus_bytes * args.passes / cpu / 1e6)
        wall_rates.append(corpus_bytes * args.passes / wall / 1e6)
        print(f"bleach rep {rep + 1}/{args.repetitions}: {args.passes} passes in "
              f"{cpu:.3f} s CPU ({rates[-1]:.3f} MB/s), {wall:.3f} s wall "
              f"({wall_rates[-1]:.3f} MB/s)", flush=True)
    median = statistics.median(rates)
    wall_median = statistics.median(wall_rates)
    print(f"bleach {bleach.__version__} (Python {sys.version.split()[0]}): {len(docs)} files, "
          f"{corpus_bytes} bytes, {args.passes} passes x {args.repetitions} repetitions, "
          f"median {median:.3f} MB/s CPU time, {wall_median:.3f} MB/s wall clock")
    if args.json:
        args.json.write_text(json.dumps({
            "bleach_version": bleach.__version__, "python": sys.version.split()[0],
            "files": len(docs), "corpus_bytes": corpus_bytes, "passes": args.passes,
            "repetitions": args.repetitions, "mb_per_s": rates, "median_mb_per_s": median,
            "wall_mb_per_s": wall_rates, "median_wall_mb_per_s": wall_median,
        }, indent=2) + "\n")


if __name__ == "__main__":
    main()
