"""Polled sources (issue 3): `newszone source ...` and the poller inside `serve`, against a
partner feed served by a local HTTP server on 127.0.0.1."""

import http.server
import os
import tempfile
import threading
import unittest

from nzserver import NzServer, run_cli, wait_until


def rss(*items):
    body = "".join(
        "<item><guid>%s</guid><title>%s</title><link>http://partner.example/%s</link>"
        "<description>&lt;p&gt;Text of %s.&lt;/p&gt;</description></item>" % (g, t, g, t)
        for g, t in items)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title>'
            + body + "</channel></rss>").encode()


class PartnerFeed:
    """A partner's feed server; `status` and `body` may be changed between polls."""

    def __init__(self):
        self.status = 200
        self.body = rss(("p-1", "Polled partner story"))
        self.requests = []
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                feed.requests.append(dict(self.headers))
                self.send_response(feed.status)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/feed.xml" % self.server.server_address[1]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SourcesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="nz-sources-")
        self.data = os.path.join(self.tmp.name, "data")
        with NzServer(data_dir=self.data, demo=True):
            pass
        self.feed = PartnerFeed()

    def tearDown(self):
        self.feed.close()
        self.tmp.cleanup()

    def cli(self, *args):
        return run_cli(list(args), data_dir=self.data)

    def test_serve_polls_a_new_source_and_publishes_its_articles(self):
        code, out, err = self.cli("source", "add", "--zone", "china-news-zone", "--url",
                                  self.feed.url, "--every", "10m", "--header", "X-Api-Key: k1")
        self.assertEqual(code, 0, err)
        self.assertIn("source 1 added to china-news-zone", out)
        with NzServer(data_dir=self.data) as server:
            self.assertTrue(wait_until(
                lambda: "Polled partner story" in server.get("/china-news-zone/").text, 15),
                "the polled story reaches the zone page")
            self.assertIn("poll source=1", server.stderr)
        self.assertEqual(self.feed.requests[0].get("X-Api-Key"), "k1")
        self.assertEqual(self.feed.requests[0].get("User-Agent"), "newszone/0.1 (feed poller)")
        code, out, _ = self.cli("source", "list")
        self.assertEqual(code, 0)
        self.assertIn(self.feed.url, out)
        self.assertRegex(out, r"\b1\s+china-news-zone\s+\S+\s+10m\s+ok\b")

    def test_a_failing_source_shows_its_error_and_keeps_its_articles(self):
        self.cli("source", "add", "--zone", "china-news-zone", "--url", self.feed.url)
        code, out, _ = self.cli("source", "poll", "1")
        self.assertEqual(code, 0, out)
        self.assertIn("1 new", out)
        self.feed.status = 500
        code, out, _ = self.cli("source", "poll", "1")
        self.assertEqual(code, 1)
        self.assertIn("failed: the feed answered HTTP 500", out)
        code, out, _ = self.cli("source", "list")
        self.assertRegex(out, r"\bfailing\b")
        self.assertIn("source 1: last error (1 in a row): the feed answered HTTP 500", out)
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertIn("Polled partner story", server.get("/china-news-zone/").text)

    def test_a_410_stops_polling_until_an_editor_enables_the_source(self):
        self.cli("source", "add", "--zone", "china-news-zone", "--url", self.feed.url)
        self.feed.status = 410
        code, out, _ = self.cli("source", "poll", "1")
        self.assertEqual(code, 1)
        code, out, _ = self.cli("source", "list")
        self.assertRegex(out, r"\bgone\b")
        self.assertIn("410 Gone", out)
        self.feed.status = 200
        self.assertEqual(self.cli("source", "enable", "1")[0], 0)
        code, out, _ = self.cli("source", "list")
        self.assertRegex(out, r"\bnew\b")

    def test_bad_settings_are_refused_with_a_clear_message(self):
        code, _, err = self.cli("source", "add", "--zone", "china-news-zone", "--url",
                                "ftp://partner.example/feed")
        self.assertEqual(code, 2)
        self.assertIn("not an http:// or https:// URL", err)
        code, _, err = self.cli("source", "add", "--zone", "news", "--url", self.feed.url)
        self.assertEqual(code, 2)
        self.assertIn("editorial section", err)
        code, _, err = self.cli("source", "add", "--zone", "china-news-zone", "--url",
                                self.feed.url, "--every", "10 minutes")
        self.assertEqual(code, 2)
        self.assertIn("e.g. 10m", err)


if __name__ == "__main__":
    unittest.main()
