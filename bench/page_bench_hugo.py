#!/usr/bin/env python3
"""Writes a Hugo site with the same articles as a newszone store, for bench/run-page-bench.

    page_bench_hugo.py DATA_DIR OUT_DIR

Copies bench/page_bench_hugo (config and layouts, modelled on themes/default) to OUT_DIR and
writes one content file per listed article (published, not a duplicate, not under embargo):
content/<section slug>/<id>-<slug>.html with JSON front matter (title, date, author,
standfirst, topics) and the stored body HTML as it is. An .html content file is not run
through Markdown, so Hugo, like newszone, pastes the sanitized HTML into the page. Each
section gets an _index.html with its title, description and position. Prints
"hugo_site articles=N sections=S topics=T" on stdout.
"""
import json
import os
import shutil
import sqlite3
import sys
from datetime import datetime, timezone


# The articles newszone lists and serves (store/sqlite/sqlite_article_store.cpp, kListed).
LISTED = ("a.status = 'published' AND a.duplicate_of IS NULL AND (a.embargo_until IS NULL"
          " OR a.embargo_until <= CAST(strftime('%s', 'now') AS INTEGER))")


def main():
    data, out = sys.argv[1], sys.argv[2]
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "page_bench_hugo")
    shutil.copytree(here, out)
    db = sqlite3.connect(f"file:{os.path.join(data, 'newszone.db')}?mode=ro", uri=True)
    name, base_url, language, tagline = db.execute(
        "SELECT name, base_url, language, tagline FROM site").fetchone()
    config = os.path.join(out, "config.toml")
    with open(config, encoding="utf-8") as f:
        tables = f.read()
    # Top-level keys go before the first [table] of the copied config.
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"baseURL = {json.dumps(base_url + '/')}\ntitle = {json.dumps(name)}\n"
                f"languageCode = {json.dumps(language)}\n" + tables +
                f"[params]\n  tagline = {json.dumps(tagline)}\n  home_articles = 5\n")
    sections = db.execute("SELECT id, slug, title, description, position FROM sections").fetchall()
    slugs = {}
    for sid, slug, title, description, position in sections:
        slugs[sid] = slug
        os.makedirs(os.path.join(out, "content", slug))
        front = {"title": title, "description": description, "weight": position + 1}
        with open(os.path.join(out, "content", slug, "_index.html"), "w", encoding="utf-8") as f:
            f.write(json.dumps(front, ensure_ascii=False) + "\n")
    topics = {}
    for article_id, topic in db.execute(
            "SELECT at.article_id, t.name FROM article_topics at"
            " JOIN topics t ON t.id = at.topic_id WHERE at.removed = 0"):
        topics.setdefault(article_id, []).append(topic)
    count = 0
    for aid, sid, slug, headline, standfirst, body, author, published in db.execute(
            "SELECT id, section_id, slug, headline, standfirst, body_html, author, published "
            "FROM articles a WHERE " + LISTED):
        front = {
            "title": headline,
            "date": datetime.fromtimestamp(published, timezone.utc).isoformat(),
            "author": author,
            "standfirst": standfirst,
        }
        if aid in topics:
            front["topics"] = topics[aid]
        path = os.path.join(out, "content", slugs[sid], f"{aid}-{slug}.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(front, ensure_ascii=False) + "\n" + body + "\n")
        count += 1
    used_topics = {t for ts in topics.values() for t in ts}
    print(f"hugo_site articles={count} sections={len(sections)} topics={len(used_topics)}")


if __name__ == "__main__":
    main()
