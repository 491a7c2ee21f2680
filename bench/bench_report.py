#!/usr/bin/python3
"""Reads the JSON of sanitize_bench and bleach_bench.py rounds for bench/run-sanitize-bench.

  bench_report.py DIR N            one line for round N (DIR/cpp-N.json, DIR/bleach-N.json)
  bench_report.py DIR summary N    medians over rounds 1..N and the ratios
MB/s = 10^6 bytes of input HTML per second; "cpu" per second of CPU time, "wall" per second
of wall-clock time.
"""
import json
import statistics
import sys


def cpp_round(out, r):
    b = json.load(open(f"{out}/cpp-{r}.json"))["benchmarks"][0]
    assert b["time_unit"] == "ms", b["time_unit"]
    corpus = b["corpus_bytes"]
    return {"cpu": b["bytes_per_second"] / 1e6,
            "wall": corpus / (b["real_time"] / 1e3) / 1e6}


def bleach_round(out, r):
    b = json.load(open(f"{out}/bleach-{r}.json"))
    return {"cpu": b["mb_per_s"][0], "wall": b["wall_mb_per_s"][0]}


def main():
    out = sys.argv[1]
    if sys.argv[2] != "summary":
        r = sys.argv[2]
        c, p = cpp_round(out, r), bleach_round(out, r)
        print(f"round {r}: CPU time: newszone {c['cpu']:7.3f} MB/s, bleach {p['cpu']:6.3f} MB/s, "
              f"ratio {c['cpu'] / p['cpu']:5.2f} | wall clock: newszone {c['wall']:7.3f}, "
              f"bleach {p['wall']:6.3f}, ratio {c['wall'] / p['wall']:5.2f}", flush=True)
        return
    n = int(sys.argv[3])
    cpp = [cpp_round(out, r) for r in range(1, n + 1)]
    py = [bleach_round(out, r) for r in range(1, n + 1)]
    version = json.load(open(f"{out}/bleach-1.json"))["bleach_version"]
    for kind, label in (("cpu", "CPU time"), ("wall", "wall clock")):
        c = [x[kind] for x in cpp]
        p = [x[kind] for x in py]
        mc, mp = statistics.median(c), statistics.median(p)
        print(f"{label:10}: newszone sanitize_html median {mc:.3f} MB/s "
              f"(min {min(c):.3f}, max {max(c):.3f}); bleach {version} median {mp:.3f} MB/s "
              f"(min {min(p):.3f}, max {max(p):.3f}); ratio {mc / mp:.1f}x")
    context = json.load(open(f"{out}/cpp-1.json"))["context"]
    if "settled_in_one_pass" in context:
        print(f"one parse (ReparseCheck vouched for the first pass): "
              f"{context['settled_in_one_pass']} of {context['corpus_files']} files")
    print("issue 4 target: ratio at least 10x")


if __name__ == "__main__":
    main()
