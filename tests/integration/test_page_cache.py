"""The page cache (issue 6): a kept page is sent until something it shows changes, and never
after that change was committed, whoever committed it; exactly the pages a change touches are
dropped; codings, ETags, 304s, HEAD and Cache-Control behave as HTTP caches expect."""

import datetime
import gzip
import json
import os
import re
import time

from nzserver import DemoSiteTestCase, NzServer, article_json_line, run_cli

ENV = {"NEWSZONE_POLLER": "false"}


def first_article_path(page_text, section):
    found = re.search(r'href="(/%s/\d+-[^"]+)"' % re.escape(section), page_text)
    assert found, page_text[:2000]
    return found.group(1)


class PageCacheTest(DemoSiteTestCase):
    prefix = "nz-cache-"

    def import_line(self, line):
        self.cli("import", "-", input=line)

    def test_kept_pages_are_never_stale_and_only_touched_pages_are_dropped(self):
        with NzServer(data_dir=self.data, env=ENV) as server:
            zone = server.get("/china-news-zone/")
            self.assertEqual(zone.header("X-Cache"), "miss")
            self.assertEqual(server.get("/china-news-zone/").header("X-Cache"), "hit")
            news_article = first_article_path(server.get("/news/").text, "news")
            server.get(news_article)
            self.assertEqual(server.get(news_article).header("X-Cache"), "hit")
            zone_article = first_article_path(zone.text, "china-news-zone")
            server.get(zone_article)

            # Another process commits a new zone story: the very next request shows it.
            self.import_line(article_json_line(
                "china-news-zone", "cache:1", "Icebreaker order signed in Shanghai",
                "2026-11-26T08:00:00Z", ["A new order."], topics=["country:CN"]))
            zone = server.get("/china-news-zone/")
            self.assertIn("Icebreaker order signed in Shanghai", zone.text)
            self.assertEqual(zone.header("X-Cache"), "miss")
            # The editorial section's article showed nothing that changed: still kept.
            self.assertEqual(server.get(news_article).header("X-Cache"), "hit")

            # A correction: the article page shows the new headline at once.
            path = first_article_path(zone.text, "china-news-zone")
            self.assertEqual(server.get(path).header("X-Cache"), "miss")
            self.assertEqual(server.get(path).header("X-Cache"), "hit")
            self.import_line(article_json_line(
                "china-news-zone", "cache:1", "Icebreaker order signed in Shanghai, corrected",
                "2026-11-26T08:00:00Z", ["A new order, corrected."], topics=["country:CN"]))
            corrected = server.get(path)
            self.assertIn("Icebreaker order signed in Shanghai, corrected", corrected.text)

            # Withdrawn: gone from the zone's page and the article answers 410 at once.
            withdrawn = json.loads(article_json_line(
                "china-news-zone", "cache:1", "Icebreaker order signed in Shanghai, corrected",
                "2026-11-26T08:00:00Z", ["A new order, corrected."], topics=["country:CN"]))
            withdrawn["status"] = "withdrawn"
            self.import_line(json.dumps(withdrawn))
            self.assertNotIn("Icebreaker order", server.get("/china-news-zone/").text)
            self.assertEqual(server.get(path).status, 410)
            self.assertEqual(server.get(news_article).header("X-Cache"), "hit")

    def test_a_zone_label_change_reaches_every_kept_page(self):
        with NzServer(data_dir=self.data, env=ENV) as server:
            zone = server.get("/china-news-zone/")
            article = first_article_path(zone.text, "china-news-zone")
            server.get(article)
            self.assertEqual(server.get(article).header("X-Cache"), "hit")
            self.cli("zone", "set", "china-news-zone", "--disclaimer",
                     "{{SITE}} has no say over this section; the partner answers for it.")
            page = server.get(article)
            self.assertIn("has no say over this section", page.text)
            self.assertIn("has no say over this section", server.get("/china-news-zone/").text)

    def test_an_embargo_ending_brings_the_story_in_without_any_write(self):
        until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=4)
        item = {"uri": "urn:cache:embargo-1", "type": "text",
                "headline": "Embargoed trade figures released",
                "body_html": "<p>Figures.</p>",
                "versioncreated": "2026-11-27T08:00:00Z",
                "embargoed": until.strftime("%Y-%m-%dT%H:%M:%SZ")}
        path = os.path.join(self.tmp.name, "embargo.json")
        with open(path, "w") as f:
            json.dump(item, f)
        self.cli("ingest", "--zone", "china-news-zone", path)
        with NzServer(data_dir=self.data, env=ENV) as server:
            zone = server.get("/china-news-zone/")
            self.assertNotIn("Embargoed trade figures", zone.text)
            self.assertEqual(server.get("/china-news-zone/").header("X-Cache"), "hit")
            time.sleep(max(0, (until - datetime.datetime.now(datetime.timezone.utc))
                           .total_seconds()) + 1.2)
            self.assertIn("Embargoed trade figures", server.get("/china-news-zone/").text)

    def test_validators_codings_and_head(self):
        with NzServer(data_dir=self.data, env=ENV) as server:
            plain = server.get("/china-news-zone/")
            etag = plain.header("ETag")
            self.assertRegex(etag, r'^"[0-9a-f]{16}"$')
            self.assertEqual(plain.header("Vary"), "Accept-Encoding")
            self.assertTrue(plain.header("Last-Modified"))

            again = server.get("/china-news-zone/", headers={"If-None-Match": etag})
            self.assertEqual(again.status, 304)
            self.assertEqual(again.body, b"")
            self.assertEqual(again.header("ETag"), etag)
            since = server.get("/china-news-zone/",
                               headers={"If-Modified-Since": plain.header("Last-Modified")})
            self.assertEqual(since.status, 304)

            gz = server.get("/china-news-zone/", headers={"Accept-Encoding": "gzip"})
            self.assertEqual(gz.header("Content-Encoding"), "gzip")
            self.assertEqual(gzip.decompress(gz.body), plain.body)
            self.assertNotEqual(gz.header("ETag"), etag)
            self.assertEqual(int(gz.header("Content-Length")), len(gz.body))
            br = server.get("/china-news-zone/", headers={"Accept-Encoding": "gzip, br"})
            self.assertEqual(br.header("Content-Encoding"), "br")
            self.assertLess(len(br.body), len(plain.body))
            refused = server.get("/china-news-zone/", headers={"Accept-Encoding": "br;q=0"})
            self.assertIsNone(refused.header("Content-Encoding"))

            head = server.head("/china-news-zone/")
            self.assertEqual(head.status, 200)
            self.assertEqual(head.body, b"")
            self.assertEqual(int(head.header("Content-Length")), len(plain.body))
            self.assertEqual(head.header("ETag"), etag)

            # Tracking parameters are answered but never kept.
            tracked = server.get("/china-news-zone/?utm_source=x")
            self.assertEqual(tracked.status, 200)
            self.assertIsNone(tracked.header("X-Cache"))

    def test_cache_control_per_page_kind_and_the_cache_turned_off(self):
        env = dict(ENV, NEWSZONE_CACHE_CONTROL_ARTICLE="public, max-age=5, s-maxage=600",
                   NEWSZONE_CACHE_MAX_BYTES="0")
        with NzServer(data_dir=self.data, env=env) as server:
            zone = server.get("/china-news-zone/")
            self.assertIn("stale-if-error", zone.header("Cache-Control"))
            article = server.get(first_article_path(zone.text, "china-news-zone"))
            self.assertEqual(article.header("Cache-Control"), "public, max-age=5, s-maxage=600")
            self.assertIsNone(article.header("X-Cache"))  # nothing kept
            self.assertTrue(article.header("ETag"))
            self.assertIsNone(article.header("Last-Modified"))
            self.assertEqual(server.get("/healthz").header("Cache-Control"), "no-store")
        code, _, err = run_cli(["serve"], data_dir=self.data,
                               env={"NEWSZONE_CACHE_CONTROL_FEED": "max-age=1\r\nX: y"})
        self.assertNotEqual(code, 0)
        self.assertIn("NEWSZONE_CACHE_CONTROL_FEED", err)
