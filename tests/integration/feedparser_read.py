"""Reads a feed from stdin with Debian's python3-feedparser and prints what it found as JSON.
Run by /usr/bin/python3 (where the Debian package lives), whichever Python runs the tests."""
import calendar
import json
import sys

import feedparser


def when(parsed):
    return calendar.timegm(parsed) if parsed else None


parsed = feedparser.parse(sys.stdin.buffer.read())
entries = []
for e in parsed.entries:
    entries.append({
        "title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
        "author": e.get("author"),
        "published": when(e.get("published_parsed")), "updated": when(e.get("updated_parsed")),
        "content": e.content[0].value if "content" in e else None,
        "summary": e.get("summary"),
        "source_title": (e.get("source") or {}).get("title"),
    })
print(json.dumps({"bozo": bool(parsed.bozo), "bozo_exception": str(parsed.get("bozo_exception")),
                  "version": parsed.get("version"), "entries": entries}))
