"""Output feeds (issue 7): RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, each section and
zone, and each topic. Every feed is read back with newszone's own parser and with Debian's
python3-feedparser (no bozo), XML ones pass xmllint, entries round-trip, partner items carry
their label in every feed, and feeds answer conditional GETs."""

import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

from types import SimpleNamespace

from nzserver import DemoSiteTestCase, NzServer, article_json_line, run_cli, wait_until

ATTRIBUTION = "This page is provided in cooperation with People's Daily Online."
FORMATS = ("rss", "atom", "json")

ARTICLES = [
    article_json_line("news", "feed:host", "Tram line opens & riders cheer <loudly>",
                      "2026-11-20T08:00:00Z", ["Riders packed the first tram.",
                                               "The line links two suburbs."],
                      author="Maija Virtanen", standfirst="A new line, at last."),
    article_json_line("china-news-zone", "feed:zone", "China and Finland sign a port deal",
                      "2026-11-21T09:30:00Z", ["Ports in Helsinki and Shanghai agreed.",
                                               "Trade is expected to grow."],
                      topics=["country:CN"]),
    # A control character and an unpaired quote from a partner's system: the feed must stay
    # readable XML.
    article_json_line("china-news-zone", "feed:odd", "Odd \u0001 bytes \"here",
                      "2026-11-19T07:00:00Z", ["Body."], author="Ed \u0002 Itor"),
]


# Debian's python3-feedparser lives in the system Python, which may not be the one running
# the tests: feedparser_read.py runs there and reports back in JSON.
SYSTEM_PYTHON = "/usr/bin/python3"


def read_with_feedparser(body):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "feedparser_read.py")
    result = subprocess.run([SYSTEM_PYTHON, script], input=body, capture_output=True,
                            timeout=60)
    if result.returncode != 0:
        raise AssertionError("python3-feedparser failed (scripts/install-deps installs it): " +
                             result.stderr.decode("utf-8", "replace"))
    found = json.loads(result.stdout)
    return SimpleNamespace(bozo=found["bozo"], bozo_exception=found["bozo_exception"],
                           entries=[SimpleNamespace(**e) for e in found["entries"]])


class FeedsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-feeds-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        code, _, err = run_cli(["import", "-"], data_dir=cls.data, input="\n".join(ARTICLES))
        if code != 0:
            raise AssertionError(err)
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
        cls.tmp.cleanup()

    def fetch(self, path, expect_type):
        response = self.server.get(path)
        self.assertEqual(response.status, 200, path)
        self.assertIn(expect_type, response.header("Content-Type"), path)
        return response

    def all_feed_paths(self):
        for fmt in FORMATS:
            yield f"/feeds/all.{fmt}"
            yield f"/feeds/sections/news.{fmt}"
            yield f"/feeds/sections/china-news-zone.{fmt}"
            yield f"/feeds/topics/china.{fmt}"

    def own_parser(self, body):
        code, out, err = run_cli(["parse", "--format", "json", "-"], input=body.decode("utf-8"))
        self.assertEqual(code, 0, err)
        return json.loads(out)

    def test_every_feed_reads_cleanly_with_both_parsers_and_xmllint(self):
        for path in self.all_feed_paths():
            fmt = path.rsplit(".", 1)[1]
            kind = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                    "json": "application/feed+json"}[fmt]
            body = self.fetch(path, kind).body
            ours = self.own_parser(body)
            self.assertFalse(ours["bozo"], f"{path}: {ours['bozo_reason']}")
            self.assertEqual(ours["format"], {"rss": "rss20", "atom": "atom10",
                                              "json": "json11"}[fmt], path)
            self.assertTrue(ours["entries"], path)
            theirs = read_with_feedparser(body)
            if fmt != "json":  # feedparser 6 does not read JSON Feed; ours does, above
                self.assertFalse(theirs.bozo, f"{path}: {theirs.bozo_exception}")
                self.assertEqual(len(theirs.entries), len(ours["entries"]), path)
                if shutil.which("xmllint"):
                    lint = subprocess.run(["xmllint", "--noout", "-"], input=body,
                                          capture_output=True, timeout=30)
                    self.assertEqual(lint.returncode, 0, f"{path}: {lint.stderr.decode()}")
            else:
                json.loads(body)

    def entry(self, entries, title_start):
        for e in entries:
            title = e["title"] if isinstance(e, dict) else e.title
            if (title or "").startswith(title_start):
                return e
        self.fail(f"no entry {title_start!r} in {entries}")

    def test_entries_round_trip(self):
        for fmt in FORMATS:
            body = self.fetch(f"/feeds/sections/news.{fmt}", "").body
            ours = self.own_parser(body)
            tram = self.entry(ours["entries"], "Tram line opens")
            if fmt == "json":
                # JSON Feed titles are plain text and JSON carries them exactly; newszone's
                # parser, liberal with feeds that put HTML there, strips tag-like text.
                item = [i for i in json.loads(body)["items"] if i["title"].startswith("Tram")][0]
                self.assertEqual(item["title"], "Tram line opens & riders cheer <loudly>")
            else:
                self.assertEqual(tram["title"], "Tram line opens & riders cheer <loudly>", fmt)
            self.assertEqual(tram["published"], "2026-11-20T08:00:00Z", fmt)
            self.assertEqual(tram["author"], "Maija Virtanen", fmt)
            self.assertRegex(tram["link"], r"^http://[^/]+/news/\d+-tram-line-opens", fmt)
            self.assertRegex(tram["id"], r"^tag:[^,]+,\d{4}-\d{2}-\d{2}:article/\d+$", fmt)
            self.assertIn("Riders packed the first tram.", tram["content"] or tram["summary"])
            if fmt != "json":
                theirs = self.entry(read_with_feedparser(body).entries, "Tram line opens")
                # feedparser gives RSS titles as HTML (RSS titles are HTML), Atom text ones as
                # text: either way the reader sees the headline as written.
                title = html.unescape(theirs.title) if fmt == "rss" else theirs.title
                self.assertEqual(title, "Tram line opens & riders cheer <loudly>", fmt)
                self.assertEqual(theirs.link, tram["link"])
                self.assertEqual(theirs.id, tram["id"])
                self.assertEqual(theirs.author, "Maija Virtanen")
        # The same story has the same id in every feed and format.
        ids = set()
        for path in self.all_feed_paths():
            for e in self.own_parser(self.server.get(path).body)["entries"]:
                if e["title"].startswith("China and Finland sign"):
                    ids.add(e["id"])
        self.assertEqual(len(ids), 1, ids)

    def test_partner_items_carry_their_label_in_every_feed(self):
        checked = 0
        for path in self.all_feed_paths():
            body = self.server.get(path).body
            ours = self.own_parser(body)
            for e in ours["entries"]:
                if "/china-news-zone/" not in e["link"]:
                    continue
                checked += 1
                text = (e["content"] or "") + (e["summary"] or "")
                self.assertIn("People&#39;s Daily Online", text.replace("'", "&#39;"), path)
                # Atom's category term is the zone's slug (its label the title).
                self.assertTrue({"China News Zone", "china-news-zone"} & set(e["categories"]),
                                path)
            if path.endswith(".json"):
                for item in json.loads(body)["items"]:
                    if "/china-news-zone/" in item["url"]:
                        label = item["_partner_content"]
                        self.assertEqual(label["partner"]["name"], "People's Daily Online")
                        self.assertEqual(label["attribution"], ATTRIBUTION)
            else:
                for e in read_with_feedparser(body).entries:
                    if "/china-news-zone/" in e.link:
                        self.assertIn(ATTRIBUTION, e.content or e.summary, path)
                        self.assertEqual(e.source_title, "People's Daily Online", path)
        self.assertGreater(checked, 0)

    def test_the_site_feed_leaves_partner_content_out(self):
        for fmt in FORMATS:
            entries = self.own_parser(self.server.get(f"/feeds/all.{fmt}").body)["entries"]
            links = [e["link"] for e in entries]
            self.assertTrue(any("/news/" in link for link in links), fmt)
            self.assertFalse(any("/china-news-zone/" in link for link in links), fmt)

    def test_conditional_get_answers_304(self):
        path = "/feeds/sections/news.atom"
        first = self.server.get(path)
        etag, modified = first.header("ETag"), first.header("Last-Modified")
        self.assertTrue(etag.startswith('"'))
        again = self.server.get(path, headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        since = self.server.get(path, headers={"If-Modified-Since": modified})
        self.assertEqual(since.status, 304)
        stale = self.server.get(path, headers={"If-None-Match": '"not-it"'})
        self.assertEqual(stale.status, 200)

    def test_pages_link_their_feeds(self):
        topic = self.server.get("/topics/china").text
        self.assertIn('<link rel="alternate" type="application/atom+xml"', topic)
        self.assertIn('href="/feeds/topics/china.rss"', topic)
        self.assertIn('class="follow"', topic)
        zone = self.server.get("/china-news-zone/").text
        self.assertIn('href="/feeds/sections/china-news-zone.json"', zone)
        home = self.server.get("/").text
        self.assertIn('href="/feeds/all.rss"', home)

    def test_unknown_feeds_are_404(self):
        for path in ["/feeds/sections/nope.rss", "/feeds/topics/nope.atom", "/feeds/all.xml",
                     "/feeds/other.rss", "/feeds/sections/news"]:
            self.assertEqual(self.server.get(path).status, 404, path)


class FeedChangesTest(DemoSiteTestCase):
    """What the site chooses, and what happens to an item when its article changes."""

    prefix = "nz-feeds-change-"

    def test_site_choices_partner_content_summaries_and_a_hub(self):
        env = {"NEWSZONE_POLLER": "false", "NEWSZONE_FEEDS_INCLUDE_PARTNER_CONTENT": "true",
               "NEWSZONE_FEEDS_FULL_CONTENT": "false",
               "NEWSZONE_WEBSUB_HUB": "https://hub.example/"}
        with NzServer(data_dir=self.data, env=env) as server:
            atom = server.get("/feeds/all.atom")
            parsed = read_with_feedparser(atom.body)
            self.assertTrue(any("/china-news-zone/" in e.link for e in parsed.entries))
            self.assertIn('<link rel="hub" href="https://hub.example/"/>', atom.text)
            self.assertIn('<https://hub.example/>; rel="hub"', atom.headers.get_all("Link"))
            # Summaries: no whole bodies, but still the label and a link to the story.
            xi = [e for e in parsed.entries if e.title.startswith("Xi to attend")][0]
            content = xi.content
            self.assertNotIn("Qingdao Declaration", content)
            self.assertIn(ATTRIBUTION, content)
            self.assertIn("Read the whole story", content)
            hubs = json.loads(server.get("/feeds/all.json").text)["hubs"]
            self.assertEqual(hubs, [{"type": "WebSub", "url": "https://hub.example/"}])

    def test_new_versions_update_entries_and_withdrawn_articles_leave(self):
        line = article_json_line("news", "chg:1", "Bridge repair begins", "2026-11-01T08:00:00Z",
                                 ["Work starts on Monday."])
        self.cli("import", "-", input=line)
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            first = server.get("/feeds/sections/news.atom")
            entry = [e for e in read_with_feedparser(first.body).entries
                     if e.title == "Bridge repair begins"][0]
            self.assertEqual(entry.published, entry.updated)
            corrected = json.loads(line)
            corrected["paragraphs"] = ["Work starts on Tuesday, not Monday."]
            self.cli("import", "-", input=json.dumps(corrected))
            second = server.get("/feeds/sections/news.atom",
                                headers={"If-None-Match": first.header("ETag")})
            self.assertEqual(second.status, 200)  # changed: a new ETag
            entry = [e for e in read_with_feedparser(second.body).entries
                     if e.title == "Bridge repair begins"][0]
            self.assertIn("Tuesday", entry.content)
            self.assertGreater(entry.updated, entry.published)
            withdrawn = json.loads(line)
            withdrawn["status"] = "withdrawn"
            self.cli("import", "-", input=json.dumps(withdrawn))
            for fmt in FORMATS:
                body = server.get(f"/feeds/sections/news.{fmt}").text
                self.assertNotIn("Bridge repair begins", body, fmt)
            # Atom tells readers that kept it to drop it (RFC 6721), by its entry id.
            atom = server.get("/feeds/sections/news.atom").text
            tombstone = re.search(r'<at:deleted-entry ref="([^"]+)" when="([^"]+)">', atom)
            self.assertIsNotNone(tombstone, atom[-1500:])
            self.assertEqual(tombstone.group(1), entry.id)
            self.assertRegex(tombstone.group(2), r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
            code, out, err = run_cli(["parse", "--format", "json", "-"], input=atom)
            self.assertEqual(code, 0, err)
            self.assertFalse(json.loads(out)["bozo"])
            self.assertEqual(subprocess.run(["xmllint", "--noout", "-"], input=atom.encode(),
                                            capture_output=True).returncode, 0)
            # Other sections' feeds carry no tombstone for it.
            self.assertNotIn(entry.id, server.get("/feeds/sections/china-news-zone.atom").text)


class FakeHub:
    """A WebSub hub on loopback that records the publish pings it receives."""

    def __init__(self, status=204):
        hub = self
        self.pings = []
        self.status = status
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                with hub.lock:
                    hub.pings.append(form)
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def published(self):
        with self.lock:
            return {url for form in self.pings if form.get("hub.mode") == ["publish"]
                    for url in form.get("hub.url", [])}

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class WebSubPublishTest(DemoSiteTestCase):
    prefix = "nz-feeds-hub-"

    def setUp(self):
        super().setUp()
        self.hub = FakeHub()

    def tearDown(self):
        self.hub.close()
        super().tearDown()

    def test_the_hub_hears_of_every_feed_a_new_story_appears_in(self):
        env = {"NEWSZONE_POLLER": "false", "NEWSZONE_WEBSUB_HUB": self.hub.url}
        with NzServer(data_dir=self.data, env=env) as server:
            base = re.search(r"<link>(http://[^<]+?)/</link>",
                             server.get("/feeds/all.rss").text).group(1)
            time.sleep(2.5)  # a round passes: stories from before the start are not news
            self.assertEqual(self.hub.published(), set())
            self.cli("import", "-", input=article_json_line(
                "china-news-zone", "hub:1", "Harbour cranes arrive", "2026-11-22T08:00:00Z",
                ["Cranes arrived."], topics=["country:CN"]))
            expected = {base + path for fmt in FORMATS for path in (
                f"/feeds/sections/china-news-zone.{fmt}", f"/feeds/topics/china.{fmt}")}
            self.assertTrue(wait_until(lambda: expected <= self.hub.published(), timeout=15),
                            f"{self.hub.published()}\n{server.stderr}")
            # The site-wide feeds leave zones out, so they did not change.
            self.assertNotIn(base + "/feeds/all.atom", self.hub.published())
            self.assertIn("told the WebSub hub", server.stderr)

    def test_a_failing_hub_is_reported_and_tried_again(self):
        self.hub.status = 503
        env = {"NEWSZONE_POLLER": "false", "NEWSZONE_WEBSUB_HUB": self.hub.url}
        with NzServer(data_dir=self.data, env=env) as server:
            self.cli("import", "-", input=article_json_line(
                "news", "hub:2", "Tram strike", "2026-11-22T08:00:00Z"))
            self.assertTrue(wait_until(lambda: "the hub answered 503" in server.stderr,
                                       timeout=15), server.stderr)
            with self.hub.lock:
                failed_pings = len(self.hub.pings)
            self.hub.status = 204
            self.assertTrue(wait_until(lambda: "WebSub hub reachable again" in server.stderr,
                                       timeout=15), server.stderr)
            with self.hub.lock:
                self.assertGreater(len(self.hub.pings), failed_pings)


if __name__ == "__main__":
    unittest.main()
