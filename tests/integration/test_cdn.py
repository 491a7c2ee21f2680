"""Surrogate keys and CDN purges: every page names the articles, sections and topics it shows
(Surrogate-Key, Cache-Tag), and a change to an article purges exactly its keys at the CDN
(issue 7's "the CDN keys are purged", the purge half of issue 6)."""

import http.server
import json
import re
import threading
import unittest

from nzserver import DemoSiteTestCase, NzServer, article_json_line, run_cli, wait_until


def keys_of(response):
    return (response.header("Surrogate-Key") or "").split()


class FakeCdn:
    """A purge endpoint on loopback that records what it is asked to purge."""

    def __init__(self):
        cdn = self
        self.requests = []
        self.status = 200
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with cdn.lock:
                    cdn.requests.append({"headers": dict(self.headers.items()),
                                         "body": json.loads(body)})
                self.send_response(cdn.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/purge" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def purged(self):
        with self.lock:
            return {key for r in self.requests if 200 <= self.status < 300
                    for key in r["body"]["tags"]}

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class SurrogateKeysTest(DemoSiteTestCase):
    prefix = "nz-cdn-"

    def setUp(self):
        super().setUp()
        self.cdn = FakeCdn()

    def tearDown(self):
        self.cdn.close()
        super().tearDown()

    def import_line(self, line):
        self.cli("import", "-", input=line)

    def test_pages_name_what_they_show_and_changes_purge_exactly_those_keys(self):
        env = {"NEWSZONE_POLLER": "false", "NEWSZONE_CDN_PURGE_URL": self.cdn.url,
               "NEWSZONE_CDN_PURGE_HEADER": "Authorization: Bearer cdn-secret"}
        with NzServer(data_dir=self.data, env=env) as server:
            zone = server.get("/china-news-zone/")
            zone_key = keys_of(zone)[0]
            self.assertRegex(zone_key, r"^s\d+$")
            listed = re.findall(r'href="/china-news-zone/(\d+)-', zone.text)
            self.assertTrue(listed)
            self.assertLessEqual({"a" + i for i in listed}, set(keys_of(zone)))
            self.assertEqual(zone.header("Cache-Tag"), ",".join(keys_of(zone)))
            topic = server.get("/topics/china")
            topic_key = keys_of(topic)[0]
            self.assertRegex(topic_key, r"^t\d+$")
            article_path = "/china-news-zone/%s-" % listed[0]
            path = re.search(r'href="(%s[^"]*)"' % re.escape(article_path), zone.text).group(1)
            article = server.get(path)
            self.assertIn("a" + listed[0], keys_of(article))
            self.assertIn(zone_key, keys_of(article))
            self.assertIn(topic_key, keys_of(article))  # its More News list
            self.assertIn("site", keys_of(server.get("/")))
            self.assertIn(zone_key, keys_of(server.get("/feeds/sections/china-news-zone.atom")))
            self.assertIn("sitemaps", keys_of(server.get("/sitemap.xml")))

            self.import_line(article_json_line(
                "china-news-zone", "cdn:1", "Port cranes arrive in Helsinki",
                "2026-11-25T08:00:00Z", ["Cranes."], topics=["country:CN"]))
            new_id = None
            for _ in range(2):
                page = server.get("/china-news-zone/")
                found = re.search(r'href="/china-news-zone/(\d+)-port-cranes', page.text)
                if found:
                    new_id = found.group(1)
            self.assertIsNotNone(new_id)
            expected = {"a" + new_id, zone_key, topic_key, "site", "sitemaps"}
            self.assertTrue(wait_until(lambda: expected <= self.cdn.purged(), timeout=15),
                            f"{self.cdn.purged()}\n{server.stderr}")
            with self.cdn.lock:
                first = self.cdn.requests[0]
            self.assertEqual(first["headers"].get("Authorization"), "Bearer cdn-secret")
            self.assertEqual(first["headers"].get("Content-Type"), "application/json")
            self.assertEqual(sorted(first["headers"].get("Surrogate-Key").split()),
                             sorted(first["body"]["surrogate_keys"]))
            # Exactly: the other articles' own keys were not purged.
            others = {"a" + i for i in listed}
            self.assertEqual(others & self.cdn.purged(), set())

            with self.cdn.lock:
                self.cdn.requests.clear()
            withdrawn = json.loads(article_json_line(
                "china-news-zone", "cdn:1", "Port cranes arrive in Helsinki",
                "2026-11-25T08:00:00Z", ["Cranes."], topics=["country:CN"]))
            withdrawn["status"] = "withdrawn"
            self.import_line(json.dumps(withdrawn))
            self.assertTrue(wait_until(lambda: "a" + new_id in self.cdn.purged(), timeout=15),
                            server.stderr)

    def test_a_refusing_cdn_is_reported_and_the_keys_sent_again(self):
        self.cdn.status = 503
        env = {"NEWSZONE_POLLER": "false", "NEWSZONE_CDN_PURGE_URL": self.cdn.url}
        with NzServer(data_dir=self.data, env=env) as server:
            self.import_line(article_json_line("news", "cdn:2", "Tram strike",
                                               "2026-11-25T08:00:00Z"))
            self.assertTrue(wait_until(lambda: "the CDN answered 503" in server.stderr,
                                       timeout=15), server.stderr)
            self.cdn.status = 200
            self.assertTrue(wait_until(lambda: "CDN purges go through again" in server.stderr,
                                       timeout=15), server.stderr)
            with self.cdn.lock:
                last = self.cdn.requests[-1]["body"]["tags"]
            self.assertIn("site", last)

    def test_a_bad_purge_header_is_a_config_error(self):
        code, _, err = run_cli(["serve", "--listen", "127.0.0.1:0"], data_dir=self.data,
                               env={"NEWSZONE_CDN_PURGE_HEADER": "no colon here"})
        self.assertNotEqual(code, 0)
        self.assertIn("NEWSZONE_CDN_PURGE_HEADER", err)


if __name__ == "__main__":
    unittest.main()
