"""WebSub (issue 3): a feed names a hub; `serve` subscribes, answers the hub's verification,
and ingests signed deliveries in seconds, ignoring unsigned ones. The hub and the partner's
feed are local HTTP servers on 127.0.0.1."""

import hashlib
import hmac
import http.client
import http.server
import os
import socket
import tempfile
import threading
import unittest
import urllib.parse

from nzserver import NzServer, run_cli, wait_until


def rss(hub, *titles):
    items = "".join("<item><guid>ws-%d</guid><title>%s</title><description>Text of %s."
                    "</description></item>" % (i, t, t) for i, t in enumerate(titles))
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
            '<channel><title>Partner</title><atom:link rel="hub" href="%s"/>%s'
            '</channel></rss>' % (hub, items)).encode()


class Hub:
    """A partner's feed and its WebSub hub, on one local server."""

    def __init__(self):
        self.subscriptions = []  # parsed subscription requests
        self.feed = b""
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(hub.feed)))
                self.end_headers()
                self.wfile.write(hub.feed)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                hub.subscriptions.append({k: v[0] for k, v in form.items()})
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.feed_url = base + "/feed.xml"
        self.hub_url = base + "/hub"
        self.feed = rss(self.hub_url, "First polled story")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def call(url, method="GET", body=None, headers=None):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        path = parts.path + ("?" + parts.query if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read().decode()
    finally:
        conn.close()


class WebSubTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="nz-websub-")
        self.data = os.path.join(self.tmp.name, "data")
        with NzServer(data_dir=self.data, demo=True):
            pass
        self.hub = Hub()
        # The site's public URL must be where this server listens: the hub calls it back.
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.base = "http://127.0.0.1:%d" % self.port
        self.assertEqual(run_cli(["site", "set", "--base-url", self.base], data_dir=self.data)[0], 0)
        code, _, err = run_cli(["source", "add", "--zone", "china-news-zone", "--url",
                                self.hub.feed_url], data_dir=self.data)
        self.assertEqual(code, 0, err)

    def tearDown(self):
        self.hub.close()
        self.tmp.cleanup()

    def test_subscribe_verify_and_take_only_signed_deliveries(self):
        with NzServer(data_dir=self.data, listen="127.0.0.1:%d" % self.port) as server:
            self.assertTrue(wait_until(lambda: self.hub.subscriptions, 15),
                            "serve asks the hub for a subscription after the first poll")
            sub = self.hub.subscriptions[0]
            self.assertEqual(sub["hub.mode"], "subscribe")
            self.assertEqual(sub["hub.topic"], self.hub.feed_url)
            self.assertEqual(sub["hub.callback"], self.base + "/websub/1")
            secret = sub["hub.secret"]
            self.assertGreaterEqual(len(secret), 32)

            # The hub verifies intent: a wrong topic is refused, ours is echoed.
            status, _ = call(sub["hub.callback"] + "?hub.mode=subscribe&hub.topic=" +
                             urllib.parse.quote("http://evil.example/") + "&hub.challenge=x")
            self.assertEqual(status, 404)
            status, body = call(sub["hub.callback"] + "?" + urllib.parse.urlencode({
                "hub.mode": "subscribe", "hub.topic": sub["hub.topic"],
                "hub.challenge": "chal-42", "hub.lease_seconds": "86400"}))
            self.assertEqual((status, body), (200, "chal-42"))

            # A delivery signed with the secret is ingested at once.
            content = rss(self.hub.hub_url, "First polled story", "Pushed by the hub")
            signature = "sha256=" + hmac.new(secret.encode(), content, hashlib.sha256).hexdigest()
            status, _ = call(sub["hub.callback"], "POST", content,
                             {"Content-Type": "application/rss+xml",
                              "X-Hub-Signature": signature})
            self.assertEqual(status, 202)
            self.assertIn("Pushed by the hub", server.get("/china-news-zone/").text)

            # One without a valid signature is acknowledged and ignored.
            forged = rss(self.hub.hub_url, "Forged story")
            status, _ = call(sub["hub.callback"], "POST", forged,
                             {"Content-Type": "application/rss+xml",
                              "X-Hub-Signature": "sha256=" + "0" * 64})
            self.assertEqual(status, 202)
            self.assertNotIn("Forged story", server.get("/china-news-zone/").text)
            status, _ = call(self.base + "/websub/999", "POST", content)
            self.assertEqual(status, 404)
        code, out, _ = run_cli(["source", "list"], data_dir=self.data)
        self.assertIn("websub: active", out)
        self.assertIn("ignored a delivery without a valid signature", out)


if __name__ == "__main__":
    unittest.main()
