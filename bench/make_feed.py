#!/usr/bin/env python3
"""Writes a deterministic RSS 2.0 or Atom feed of N realistic partner items to stdout.

    bench/make_feed.py --items 100000 --format rss > /tmp/feed.xml

Each item: guid, title, link, pubDate, a summary with some HTML, ~2 KB of content:encoded
in paragraphs with links and emphasis, and two categories. The words come from a fixed
vocabulary through a fixed-seed generator, so every run writes the same bytes and no two
items tell the same story (which ingest would rightly store as a near-duplicate).
"""

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone

WORDS = ("china finland helsinki beijing trade energy research university minister "
         "agreement cooperation battery wind hydrogen export import market growth "
         "economy summit delegation port railway climate forest paper pulp machinery "
         "students exchange culture festival museum technology digital network "
         "investment bank council parliament report survey statement official "
         "project programme partnership spring autumn winter summer city province "
         "company factory workers shipping arctic science health hospital vaccine").split()
CATEGORIES = ["Economy", "Politics", "Science", "Culture", "Business", "Travel", "Sports"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    parts = [sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 4))]
    text = " ".join(parts)
    w = text.split(" ")
    w[3] = "<strong>" + w[3] + "</strong>"
    w[7] = '<a href="/news/%d.html">%s</a>' % (rng.randint(1, 99999), w[7])
    return "<p>" + " ".join(w) + "</p>"


def item(rng, i, base, fmt):
    title = sentence(rng, rng.randint(6, 10))[:-1]
    when = base - timedelta(minutes=7 * i)
    summary = "<p>" + sentence(rng, 20) + "</p>"
    content = "".join(paragraph(rng) for _ in range(6))
    cats = rng.sample(CATEGORIES, 2)
    link = "http://en.people.cn/n3/2026/%06d.html" % i
    if fmt == "rss":
        return ("<item><guid isPermaLink=\"false\">pdo-%d</guid><title>%s</title>"
                "<link>%s</link><pubDate>%s</pubDate><description><![CDATA[%s]]></description>"
                "<content:encoded><![CDATA[%s]]></content:encoded>%s</item>\n" % (
                    i, title, link, when.strftime("%a, %d %b %Y %H:%M:%S +0000"), summary,
                    content, "".join("<category>%s</category>" % c for c in cats)))
    return ("<entry><id>urn:pdo:%d</id><title>%s</title><link rel=\"alternate\" href=\"%s\"/>"
            "<published>%s</published><updated>%s</updated>"
            "<summary type=\"html\"><![CDATA[%s]]></summary>"
            "<content type=\"html\"><![CDATA[%s]]></content>%s</entry>\n" % (
                i, title, link, when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                when.strftime("%Y-%m-%dT%H:%M:%SZ"), summary, content,
                "".join('<category term="%s"/>' % c for c in cats)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--format", choices=["rss", "atom"], default="rss")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    out = sys.stdout
    if args.format == "rss":
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                  "<title>People's Daily Online</title><link>http://en.people.cn/</link>"
                  "<description>News from China</description>\n")
    else:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  '<feed xmlns="http://www.w3.org/2005/Atom"><title>People\'s Daily Online'
                  '</title><id>urn:pdo:feed</id><updated>2026-11-28T12:00:00Z</updated>'
                  '<link rel="alternate" href="http://en.people.cn/"/>\n')
    for i in range(args.items):
        out.write(item(rng, i, base, args.format))
    out.write("</channel></rss>\n" if args.format == "rss" else "</feed>\n")


if __name__ == "__main__":
    main()
