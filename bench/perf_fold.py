#!/usr/bin/env python3
"""Flame graphs from `perf script` with nothing but Python, for bench/run-page-bench.

    perf script -i perf.data | perf_fold.py > stacks.folded
    perf_fold.py --svg TITLE < stacks.folded > flame.svg

The first form folds each sample's stack into one line, "comm;outermost;...;innermost COUNT"
(the format of Brendan Gregg's stackcollapse-perf.pl). The second draws it as an SVG flame
graph: one box per frame, width proportional to samples, callers below callees; hovering a
box shows its name, samples and share of the total.
"""
import collections
import html
import re
import sys
import zlib


def fold(lines):
    stacks = collections.Counter()
    comm, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                stacks[";".join([comm] + frames[::-1])] += 1
            comm, frames = None, []
        elif not line[0].isspace():
            comm = line.split()[0]
        else:
            parts = line.split(None, 1)
            symbol = parts[1] if len(parts) > 1 else "[unknown]"
            symbol = re.sub(r"\+0x[0-9a-f]+ ", " ", symbol)
            name, _, dso = symbol.rpartition(" (")
            if name in ("", "[unknown]"):
                name = f"[{dso.rstrip(')').rsplit('/', 1)[-1]}]"
            frames.append(name.replace(";", ":"))
    if comm is not None:
        stacks[";".join([comm] + frames[::-1])] += 1
    for stack, count in sorted(stacks.items()):
        print(f"{stack} {count}")


def svg(title, lines):
    root = {"children": {}, "count": 0}
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        node = root
        node["count"] += int(count)
        for frame in stack.split(";"):
            node = node["children"].setdefault(frame, {"children": {}, "count": 0})
            node["count"] += int(count)
    total = max(root["count"], 1)
    width, row, top = 1200.0, 16, 40
    boxes = []

    def depth(node):
        return 1 + max((depth(c) for c in node["children"].values()), default=0)

    levels = depth(root)
    height = top + levels * row + 10

    def place(node, name, x, level):
        w = width * node["count"] / total
        if w < 1.0:  # narrower than a pixel: left out, which keeps the file small
            return
        y = height - 10 - (level + 1) * row
        if level > 0:
            hue = zlib.crc32(name.encode()) % 40 + 10
            share = 100.0 * node["count"] / total
            label = html.escape(name)
            fits = int(w / 7) - 2
            text = label if w > 7 * len(name) else (
                html.escape(name[:fits]) + ".." if w > 30 else "")
            boxes.append(
                f'<g><title>{label} ({node["count"]} samples, {share:.2f}%)</title>'
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" '
                f'fill="hsl({hue},85%,60%)"/>'
                f'<text x="{x + 2:.1f}" y="{y + row - 4}">{text}</text></g>')
        for child_name, child in sorted(node["children"].items()):
            place(child, child_name, x, level + 1)
            x += width * child["count"] / total

    place(root, "", 0.0, -1)
    print(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
          f'font-family="monospace" font-size="11">')
    print(f'<rect width="100%" height="100%" fill="#fdfdf6"/>'
          f'<text x="10" y="20" font-size="14">{html.escape(title)}: {total} samples</text>')
    print("\n".join(boxes))
    print("</svg>")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--svg":
        svg(sys.argv[2], sys.stdin)
    else:
        fold(sys.stdin)
