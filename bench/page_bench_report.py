#!/usr/bin/env python3
"""Summary of bench/run-page-bench: reads its "result NAME key=value..." lines.

    page_bench_report.py RESULTS THREADS

Each figure is the median over the rounds; ratios are newszone / nginx (or Hugo), so above 1
means newszone serves more, and for latency below 1 means newszone answers sooner.
"""
import re
import statistics
import sys


def main():
    results = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.startswith("result "):
            continue
        name, *pairs = line.split()[1:]
        results[name] = {k: float(v) if re.fullmatch(r"-?[0-9.]+", v) else v
                         for k, v in (p.split("=", 1) for p in pairs)}
    threads = sys.argv[2]

    def rounds(prefix):
        return [v for k, v in results.items() if re.fullmatch(re.escape(prefix) + r"-r\d+", k)]

    def median(runs, key):
        return statistics.median(r[key] for r in runs)

    site = results.get("site", {})
    print(f"\n== summary: {site.get('articles', 0):,.0f} article pages, "
          f"{site.get('lists', 0):,.0f} list pages; newszone {threads} threads, nginx "
          f"{threads} workers")
    static = sorted({k.rsplit("-r", 1)[0].split("-", 2)[2] for k in results
                     if k.startswith("static-")}, key=lambda c: (int(c.split("-")[0]), c.endswith("gzip")))
    if static:
        page = results.get("page", {})
        print(f"\ncached article page ({page.get('bytes', 0):,.0f} bytes, gzip "
              f"{page.get('gzip_bytes', 0):,.0f}); medians of "
              f"{len(rounds('static-newszone-' + static[0]))} rounds; "
              "targets: req/s ratio >= 1.0, p99 ratio <= 1.2")
        print(f"{'connections, encoding':<22} {'newszone req/s':>15} {'nginx req/s':>12}"
              f" {'ratio':>6} {'newszone p99':>13} {'nginx p99':>10} {'ratio':>6}"
              f" {'bytes/resp ns/nx':>18} {'errors':>7}")
        for c in static:
            ns, nx = rounds(f"static-newszone-{c}"), rounds(f"static-nginx-{c}")
            rps_ns, rps_nx = median(ns, "rps"), median(nx, "rps")
            p99_ns, p99_nx = median(ns, "p99_us") / 1000, median(nx, "p99_us") / 1000
            errors = sum(r["errors"] + r["non2xx"] for r in ns + nx)
            print(f"{c.replace('-', ', '):<22} {rps_ns:>15,.0f} {rps_nx:>12,.0f} "
                  f"{rps_ns / rps_nx:>6.2f} {p99_ns:>10.2f} ms {p99_nx:>7.2f} ms "
                  f"{p99_ns / p99_nx:>6.2f} {median(ns, 'bytes_per_response'):>8,.0f}/"
                  f"{median(nx, 'bytes_per_response'):<9,.0f} {errors:>7,.0f}")
            print(f"{'':<22} rounds newszone " + ", ".join(f"{r['rps']:,.0f}" for r in ns)
                  + "; nginx " + ", ".join(f"{r['rps']:,.0f}" for r in nx))
    paced = [c for c in ("64-plain", "64-gzip") if rounds(f"paced-newszone-{c}")]
    if paced:
        print("\nthe same page at the same offered load (each connection waits "
              "PACED_MS after a response), medians; p99 ratio below 1: newszone answers sooner")
        print(f"{'connections, encoding':<22} {'newszone req/s':>15} {'nginx req/s':>12}"
              f" {'newszone p99':>13} {'nginx p99':>10} {'ratio':>6}")
        for c in paced:
            ns, nx = rounds(f"paced-newszone-{c}"), rounds(f"paced-nginx-{c}")
            p99_ns, p99_nx = median(ns, "p99_us") / 1000, median(nx, "p99_us") / 1000
            print(f"{c.replace('-', ', '):<22} {median(ns, 'rps'):>15,.0f} "
                  f"{median(nx, 'rps'):>12,.0f} {p99_ns:>10.2f} ms {p99_nx:>7.2f} ms "
                  f"{p99_ns / p99_nx:>6.2f}")
            print(f"{'':<22} rounds p99 newszone " +
                  ", ".join(f"{r['p99_us'] / 1000:.2f}" for r in ns) + "; nginx " +
                  ", ".join(f"{r['p99_us'] / 1000:.2f}" for r in nx) + " ms")
    unc = rounds("uncached-articles-64")
    if unc:
        rps = median(unc, "rps")
        print(f"\nuncached (cache off), every article in turn, 64 connections: {rps:,.0f} "
              f"pages/s (rounds " + ", ".join(f"{r['rps']:,.0f}" for r in unc) +
              f"), p50 {median(unc, 'p50_us') / 1000:.2f} ms, "
              f"p99 {median(unc, 'p99_us') / 1000:.2f} ms, "
              f"errors {sum(r['errors'] + r['non2xx'] for r in unc):.0f}; target >= 5,000: "
              f"{'met' if rps >= 5000 else 'NOT met'}")
    for kind in ("editorial", "zone"):
        r = results.get(f"uncached-{kind}-64")
        if r:
            print(f"  only {kind} article pages: {r['rps']:,.0f} pages/s, p50 "
                  f"{r['p50_us'] / 1000:.2f} ms, p99 {r['p99_us'] / 1000:.2f} ms")
    ns_site, hugo = rounds("site-newszone"), rounds("site-hugo")
    if ns_site and hugo:
        print("\nwhole site: newszone over HTTP (cache off, 8 connections) against hugo")
        for r in ns_site:
            print(f"  newszone {r['requests']:,.0f} pages in {r['seconds']:.2f} s = "
                  f"{r['rps']:,.0f} pages/s (errors {r['errors'] + r['non2xx']:.0f})")
        for r in hugo:
            print(f"  hugo     {r['pages']:,.0f} pages in {r['seconds']:.2f} s = "
                  f"{r['pages'] / r['seconds']:,.0f} pages/s")
        best_ns = max(r["rps"] for r in ns_site)
        best_hugo = max(r["pages"] / r["seconds"] for r in hugo)
        print(f"  best of each: newszone {best_ns:,.0f} pages/s, hugo {best_hugo:,.0f} pages/s, "
              f"ratio newszone/hugo {best_ns / best_hugo:.2f}")
    if "mem-off-idle" in results:
        mib = lambda name: results[name]["rss_kb"] / 1024
        print("\nresident memory (VmRSS) of newszone")
        pages = results.get("mem-off-render", {}).get("requests", 0)
        print(f"  cache off: idle {mib('mem-off-idle'):,.0f} MiB, after rendering {pages:,.0f} "
              f"article pages {mib('mem-off-rendered'):,.0f} MiB")
        if "mem-on-filled" in results:
            print(f"  cache on ({results['mem-on-filled']['cache_max_bytes']}): idle "
                  f"{mib('mem-on-idle'):,.0f} MiB, after the same pages plain and gzip "
                  f"{mib('mem-on-filled'):,.0f} MiB")
    for name in ("perf-cached", "perf-uncached"):
        if name in results:
            r = results[name]
            print(f"{name} run (under perf): {r['rps']:,.0f} req/s, "
                  f"p99 {r['p99_us'] / 1000:.2f} ms")


if __name__ == "__main__":
    main()
