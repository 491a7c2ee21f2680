"""`newszone parse`, `sanitize` and `ingest`, end to end through the binary and the pages."""
import json
import os
import re
import tempfile
import unittest

from nzserver import NzServer, parse_html, run_cli, testdata

PARTNER_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>People's Daily Online</title>
<link>http://en.people.cn/</link>
<item><guid>pdo-it-1</guid><title>Ingested &amp; labelled</title>
<link>http://en.people.cn/n3/2022/0913/c90000-1.html</link>
<pubDate>Wed, 14 Sep 2022 06:00:00 GMT</pubDate>
<description><![CDATA[<p onmouseover="xss()">Paragraph one <script>xss()</script>
<a href="javascript:xss()">bad link</a> <a href="/n3/more.html">more</a></p>
<p>Paragraph two</p>]]></description></item>
<item><description></description></item>
</channel></rss>
"""


class ParseCommandTest(unittest.TestCase):
    def test_parse_prints_the_contract_for_a_golden_feed(self):
        path = testdata("feeds", "atom10_basic.xml")
        with open(testdata("feeds", "atom10_basic.expected.json")) as f:
            expected = json.load(f)
        code, out, err = run_cli(["parse", path])
        self.assertEqual(code, 0, err)
        got = json.loads(out)
        self.assertEqual(got["format"], expected["format"])
        self.assertEqual(got["feed"], expected["feed"])
        self.assertEqual([e["id"] for e in got["entries"]], [e["id"] for e in expected["entries"]])
        self.assertEqual([e["title"] for e in got["entries"]],
                         [e["title"] for e in expected["entries"]])

    def test_parse_sanitizes_html_fields(self):
        code, out, err = run_cli(["parse", "-"], input=PARTNER_FEED)
        self.assertEqual(code, 0, err)
        summary = json.loads(out)["entries"][0]["summary"]
        self.assertIn("Paragraph one", summary)
        self.assertNotIn("script", summary)
        self.assertNotIn("javascript:", summary)
        self.assertNotIn("onmouseover", summary)

    def test_parse_of_nothing_readable_exits_1_with_one_line(self):
        code, out, err = run_cli(["parse", "-"], input="")
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)


class SanitizeCommandTest(unittest.TestCase):
    def test_sanitize_removes_script_and_keeps_text(self):
        code, out, err = run_cli(["sanitize", "--base-url", "https://example.org/a/"],
                                 input='<p>Hi<script>xss()</script> <a href="b">b</a></p>')
        self.assertEqual(code, 0, err)
        self.assertEqual(out, '<p>Hi <a href="https://example.org/a/b" '
                              'rel="noopener noreferrer sponsored nofollow">b</a></p>')

    def test_sanitize_text_writes_paragraphs(self):
        code, out, _ = run_cli(["sanitize", "--text"], input="<p>One</p><p>Two</p>")
        self.assertEqual(code, 0)
        self.assertEqual(out, "One\n\nTwo\n")


class IngestCommandTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="nz-ingest-")
        self.data = os.path.join(self.tmp.name, "data")
        self.feed = os.path.join(self.tmp.name, "feed.xml")
        with open(self.feed, "w") as f:
            f.write(PARTNER_FEED)
        # The demo site gives a zone to ingest into.
        with NzServer(data_dir=self.data, demo=True):
            pass

    def tearDown(self):
        self.tmp.cleanup()

    def test_ingest_stores_good_entries_reports_bad_ones_and_is_idempotent(self):
        code, out, err = run_cli(["ingest", "--zone", "china-news-zone", self.feed],
                                 data_dir=self.data)
        self.assertEqual(code, 1, "one entry has neither title nor text")
        self.assertIn("1 new", out)
        self.assertIn("item 2", err)
        code, out, _ = run_cli(["ingest", "--zone", "china-news-zone", self.feed],
                               data_dir=self.data)
        self.assertIn("0 new", out)
        self.assertIn("1 unchanged", out)

    def test_ingested_article_is_served_sanitized_and_labelled(self):
        run_cli(["ingest", "--zone", "china-news-zone", self.feed], data_dir=self.data)
        with NzServer(data_dir=self.data) as server:
            index = server.get("/china-news-zone/").text
            match = re.search(r'href="(/china-news-zone/\d+-ingested-labelled)"', index)
            self.assertIsNotNone(match, "the ingested article is listed in the zone")
            page = server.get(match.group(1))
            self.assertEqual(page.status, 200)
            html = page.text
            body = html[html.index('class="story-body"'):html.index("</article>")]
            self.assertIn("Paragraph one", body)
            self.assertNotIn("<script", body)
            self.assertNotIn("xss()", body)
            self.assertIn('href="http://en.people.cn/n3/more.html"', body)
            attribution = parse_html(html).find("p", cls="attribution")
            self.assertEqual(attribution.text,
                             "This page is provided in cooperation with People's Daily Online.")

    def test_ingest_into_an_unknown_zone_exits_2(self):
        code, _, err = run_cli(["ingest", "--zone", "nope", self.feed], data_dir=self.data)
        self.assertEqual(code, 2)
        self.assertIn('"nope"', err)


if __name__ == "__main__":
    unittest.main()
