#!/usr/bin/python3
"""Writes the feed benchmark's inputs: a 10,000-item RSS 2.0 feed and a 10,000-item Atom 1.0
feed of realistic news items (bench/run-feed-bench, docs/benchmarks.md).

Deterministic: the same arguments give the same bytes (random.Random with a fixed seed, no
clock). Each item has a title, a link, a guid/id, a date (pubDate / published+updated), a
summary of about 300 bytes of HTML with links and emphasis (escaped in RSS <description>,
type="html" in Atom), a body of about 2 KB of HTML (content:encoded in CDATA / Atom content
type="html"), an author, and 2-4 categories. Names and text are mostly English with some
accented and CJK words, as partner feeds are.

Usage: /usr/bin/python3 bench/gen_feed_bench.py OUT_DIR [--items N] [--seed S]
Writes OUT_DIR/rss20-N.xml and OUT_DIR/atom10-N.xml.
"""

import argparse
import datetime
import pathlib
import random
from xml.sax.saxutils import escape

WORDS = ("the minister said on tuesday that talks with partners would continue after the "
         "summit in brussels where trade energy prices and the budget for next year were "
         "discussed at length by delegates from twenty countries economy growth markets "
         "inflation central bank rates election parliament coalition agreement reform health "
         "schools climate emissions wind solar grid transport rail port harbour city council "
         "residents protest police court ruling appeal judges museum festival football league "
         "season coach transfer record café naïve Zürich São Paulo Kraków 北京 上海 経済").split()
CATEGORIES = ["World", "Europe", "Asia", "Economy", "Markets", "Politics", "Climate",
              "Sport", "Culture", "Science", "Health", "Technology", "Business", "Opinion"]
AUTHORS = ["Anna Virtanen", "James O'Connor", "Li Wei", "María García", "Jean Dupont",
           "Priya Nair", "Tomasz Nowak", "Sofia Rossi"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph_html(rng, i, k):
    parts = []
    for s in range(rng.randint(3, 5)):
        text = escape(sentence(rng, rng.randint(8, 16)))
        if s == 1:
            text += (f' <a href="https://partner.example/news/{i}/related-{k}.html">'
                     f'{escape(sentence(rng, 3))}</a>')
        if s == 2:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "<p>" + " ".join(parts) + "</p>"


def body_html(rng, i, target=1700):
    chunks = []
    k = 0
    while sum(len(c) for c in chunks) < target:
        if k == 2:
            chunks.append(f'<figure><img src="/media/{i}/{k}.jpg" alt="{escape(sentence(rng, 4))}"'
                          f' width="800" height="450"><figcaption>{escape(sentence(rng, 6))}'
                          "</figcaption></figure>")
        elif k == 4:
            chunks.append("<blockquote><p>" + escape(sentence(rng, 12)) + "</p></blockquote>")
        else:
            chunks.append(paragraph_html(rng, i, k))
        k += 1
    return "\n".join(chunks)


def summary_html(rng, i):
    return (f"<p>{escape(sentence(rng, 20))} <em>{escape(sentence(rng, 6))}</em> "
            f'<a href="https://partner.example/news/{i}.html">Read more</a></p>')


def items(n, seed):
    rng = random.Random(seed)
    start = datetime.datetime(2024, 10, 7, 12, 0, 0, tzinfo=datetime.timezone.utc)
    for i in range(n):
        when = start - datetime.timedelta(minutes=7 * i + rng.randint(0, 6))
        yield {
            "i": i,
            "title": sentence(rng, rng.randint(6, 12))[:-1],
            "link": f"https://partner.example/news/2024/{i:05d}-story.html",
            "guid": f"urn:uuid:{rng.getrandbits(128):032x}",
            "when": when,
            "author": rng.choice(AUTHORS),
            "summary": summary_html(rng, i),
            "body": body_html(rng, i),
            "categories": rng.sample(CATEGORIES, rng.randint(2, 4)),
        }


def rss(n, seed):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:atom="http://www.w3.org/2005/Atom">',
           "<channel>", "<title>Partner wire</title>", "<link>https://partner.example/</link>",
           "<description>Benchmark feed</description>", "<language>en</language>",
           '<atom:link rel="self" href="https://partner.example/rss.xml"/>']
    for it in items(n, seed):
        out.append("<item>")
        out.append(f"<title>{escape(it['title'])}</title>")
        out.append(f"<link>{it['link']}</link>")
        out.append(f'<guid isPermaLink="false">{it["guid"]}</guid>')
        out.append("<pubDate>" + it["when"].strftime("%a, %d %b %Y %H:%M:%S GMT") + "</pubDate>")
        out.append(f"<dc:creator>{escape(it['author'])}</dc:creator>")
        out.extend(f"<category>{c}</category>" for c in it["categories"])
        out.append(f"<description>{escape(it['summary'])}</description>")
        out.append(f"<content:encoded><![CDATA[{it['body']}]]></content:encoded>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(n, seed):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           "<title>Partner wire</title>", "<id>urn:partner:wire</id>",
           "<updated>2024-10-07T12:00:00Z</updated>",
           '<link rel="alternate" href="https://partner.example/"/>',
           '<link rel="self" href="https://partner.example/atom.xml"/>']
    for it in items(n, seed):
        stamp = it["when"].strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append("<entry>")
        out.append(f"<title>{escape(it['title'])}</title>")
        out.append(f'<link rel="alternate" type="text/html" href="{it["link"]}"/>')
        out.append(f"<id>{it['guid']}</id>")
        out.append(f"<published>{stamp}</published><updated>{stamp}</updated>")
        out.append(f"<author><name>{escape(it['author'])}</name></author>")
        out.extend(f'<category term="{c}"/>' for c in it["categories"])
        out.append(f'<summary type="html">{escape(it["summary"])}</summary>')
        out.append(f'<content type="html">{escape(it["body"])}</content>')
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, make in (("rss20", rss), ("atom10", atom)):
        path = out / f"{name}-{args.items}.xml"
        path.write_text(make(args.items, args.seed), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
