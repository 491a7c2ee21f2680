#!/usr/bin/python3
"""Reads the JSON of feed_bench and feedparser_bench.py rounds for bench/run-feed-bench.

  feed_bench_report.py DIR N            one line per feed for round N (DIR/cpp-N.json,
                                        DIR/feedparser-N.json)
  feed_bench_report.py DIR summary N    medians over rounds 1..N and the ratios
items/s = feed items parsed per second; "cpu" per second of CPU time, "wall" per second of
wall-clock time. Ratios are newszone's median over feedparser's: "plain" is feedparser without
sanitizing (like with like: feed::parse does not sanitize), "default" feedparser as it comes.
"""
import json
import statistics
import sys

FEEDS = ("rss20", "atom10")


def cpp_round(out, r):
    rates = {}
    for b in json.load(open(f"{out}/cpp-{r}.json"))["benchmarks"]:
        name = b["name"].split("/")[1]
        assert b["time_unit"] == "ms", b["time_unit"]
        items = b["items"]
        rates[name] = {"cpu": b["items_per_second"], "wall": items / (b["real_time"] / 1e3)}
    return rates


def py_round(out, r):
    data = json.load(open(f"{out}/feedparser-{r}.json"))
    rates = {}
    for name, modes in data["results"].items():
        rates[name] = {m: {"cpu": v["items_per_s_cpu"], "wall": v["items_per_s_wall"]}
                       for m, v in modes.items()}
    return rates, data["feedparser_version"]


def main():
    out = sys.argv[1]
    if sys.argv[2] != "summary":
        r = sys.argv[2]
        c, (p, _) = cpp_round(out, r), py_round(out, r)
        for name in FEEDS:
            parts = [f"round {r} {name:6}: newszone {c[name]['cpu']:8.0f} items/s CPU"]
            for mode, v in p[name].items():
                parts.append(f"feedparser {mode} {v['cpu']:6.0f} (ratio {c[name]['cpu'] / v['cpu']:5.1f})")
            print("; ".join(parts), flush=True)
        return
    n = int(sys.argv[3])
    cpp = [cpp_round(out, r) for r in range(1, n + 1)]
    py = [py_round(out, r)[0] for r in range(1, n + 1)]
    version = py_round(out, 1)[1]
    modes = list(py[0]["rss20"].keys())
    for kind, label in (("cpu", "CPU time"), ("wall", "wall clock")):
        print(f"{label}:")
        for name in FEEDS:
            c = [x[name][kind] for x in cpp]
            mc = statistics.median(c)
            line = (f"  {name:6} newszone feed::parse median {mc:8.0f} items/s "
                    f"(min {min(c):.0f}, max {max(c):.0f})")
            print(line)
            for mode in modes:
                p = [x[name][mode][kind] for x in py]
                mp = statistics.median(p)
                print(f"  {name:6} feedparser {version} {mode:7} median {mp:8.1f} items/s "
                      f"(min {min(p):.1f}, max {max(p):.1f}); ratio {mc / mp:5.1f}x")
    print("issue 3 target: ratio at least 50x")


if __name__ == "__main__":
    main()
