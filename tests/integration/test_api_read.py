"""The read side of the JSON API for partner tokens (issue 8): GET /api/v1/zones, /articles,
/articles/{id}, /deliveries and /sources, each scoped to the token's partner.

The site is test_admin_auth's: People's Daily Online (zone china-news-zone, with the demo's
published articles) and Other Agency (zone other-zone). Tokens are made with the CLI; each
partner pushes a few articles. Another partner's zone or article is 404 (as one that does not
exist), a query that makes no sense is 400, and every call needs a valid token (401).
"""

import json
import os
import secrets
import tempfile
import unittest

from nzserver import NzServer, run_cli
from test_admin_auth import make_site

ENDPOINTS = ["/api/v1/zones", "/api/v1/articles", "/api/v1/articles/1", "/api/v1/deliveries",
             "/api/v1/sources"]


def ninjs(guid, headline, **extra):
    item = {"uri": guid, "headline": headline, "body_html": "<p>Body text.</p>",
            "versioncreated": "2026-11-27T08:00:00Z", "language": "en"}
    item.update(extra)
    return json.dumps(item)


def cli(data, *args):
    code, out, err = run_cli(list(args), data_dir=data)
    assert code == 0, err
    return out


class ApiReadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-api-read-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.pdo = cli(cls.data, "token", "create", "--partner", "peoples-daily-online").strip()
        cls.other = cli(cls.data, "token", "create", "--partner", "other-agency").strip()
        cls.revoked = cli(cls.data, "token", "create", "--partner", "peoples-daily-online",
                          "--name", "old").strip()
        cli(cls.data, "source", "add", "--zone", "china-news-zone",
            "--url", "https://partner.example/china.xml")
        cli(cls.data, "source", "add", "--zone", "other-zone",
            "--url", "https://agency.example/secret-feed.xml")
        token_id = next(line.split()[0] for line in cli(cls.data, "token", "list").splitlines()
                        if " old " in line)
        cli(cls.data, "token", "revoke", token_id)
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"}).start()
        cls.pdo_story = cls.push(cls.pdo, "china-news-zone", ninjs("urn:r:1", "First headline"))
        cls.push(cls.pdo, "china-news-zone", ninjs("urn:r:1", "Corrected headline"))
        cls.other_story = cls.push(cls.other, "other-zone", ninjs("urn:o:1", "Agency story"))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    @classmethod
    def push(cls, token, zone, body):
        resp = cls.server.request("POST", f"/api/v1/zones/{zone}/articles",
                                  headers={"Content-Type": "application/json",
                                           "Authorization": "Bearer " + token}, body=body)
        assert resp.status in (200, 201), resp.text
        return resp.json()["items"][0]["id"]

    def get(self, path, token=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        resp = self.server.get(path, headers=headers)
        self.assertTrue(resp.header("Content-Type").startswith("application/json"), path)
        return resp

    def ok(self, path, token):
        resp = self.get(path, token)
        self.assertEqual(resp.status, 200, (path, resp.text))
        self.assertEqual(resp.header("Cache-Control"), "no-store")
        return resp.json()

    def assert_error(self, resp, status):
        self.assertEqual(resp.status, status, resp.text)
        body = resp.json()
        self.assertEqual(set(body), {"error"})
        self.assertEqual(body["error"]["status"], status)
        self.assertTrue(body["error"]["message"])

    # --- authentication --------------------------------------------------------------------

    def test_every_call_needs_a_valid_token(self):
        for path in ENDPOINTS:
            for token in (None, "not-a-token", "nzp_" + secrets.token_urlsafe(32)[:43],
                          self.revoked):
                resp = self.get(path, token)
                self.assert_error(resp, 401)
                self.assertEqual(resp.header("WWW-Authenticate"), 'Bearer realm="newszone"')
            resp = self.server.get(path, headers={"Authorization": "Basic " + self.pdo})
            self.assertEqual(resp.status, 401, path)

    # --- scoping ---------------------------------------------------------------------------

    def test_zones_are_the_partners_own(self):
        self.assertEqual([z["slug"] for z in self.ok("/api/v1/zones", self.pdo)["zones"]],
                         ["china-news-zone"])
        zones = self.ok("/api/v1/zones", self.other)["zones"]
        self.assertEqual([z["slug"] for z in zones], ["other-zone"])
        self.assertTrue(zones[0]["url"].endswith("/other-zone/"))

    def test_articles_are_the_partners_own_in_every_status(self):
        body = self.ok("/api/v1/articles?per_page=100", self.pdo)
        zones = {a["zone"] for a in body["articles"]}
        self.assertEqual(zones, {"china-news-zone"})
        ids = [a["id"] for a in body["articles"]]
        self.assertIn(self.pdo_story, ids)
        self.assertNotIn(self.other_story, ids)
        self.assertEqual(body["total"], len(ids))
        self.assertEqual(ids[0], self.pdo_story, "the most recently received comes first")
        other = self.ok("/api/v1/articles", self.other)
        self.assertEqual([a["id"] for a in other["articles"]], [self.other_story])
        self.assertEqual(other["articles"][0]["status"], "published")
        self.assertEqual(other["total"], 1)

    def test_articles_filter_by_zone_and_status(self):
        published = self.ok("/api/v1/articles?status=published&zone=china-news-zone", self.pdo)
        self.assertGreater(published["total"], 1)
        self.assertTrue(all(a["status"] == "published" for a in published["articles"]))
        pending = self.ok("/api/v1/articles?status=pending", self.pdo)
        self.assertEqual((pending["total"], pending["articles"]), (0, []))

    def test_an_article_comes_with_its_versions(self):
        body = self.ok(f"/api/v1/articles/{self.pdo_story}", self.pdo)
        self.assertEqual(body["headline"], "Corrected headline")
        self.assertEqual(body["version"], 2)
        self.assertEqual(body["body_html"], "<p>Body text.</p>")
        versions = body["versions"]
        self.assertEqual([v["version"] for v in versions], [1, 2])
        self.assertEqual([v["headline"] for v in versions],
                         ["First headline", "Corrected headline"])
        deliveries = {d["id"] for d in self.ok("/api/v1/deliveries", self.pdo)["deliveries"]}
        self.assertTrue(all(v["delivery"] in deliveries for v in versions), versions)

    def test_another_partners_ids_and_zones_are_404(self):
        self.assert_error(self.get(f"/api/v1/articles/{self.other_story}", self.pdo), 404)
        self.assert_error(self.get(f"/api/v1/articles/{self.pdo_story}", self.other), 404)
        # The demo's own editorial articles are no partner's.
        host = self.ok("/api/v1/articles?per_page=100", self.pdo)["articles"]
        known = {a["id"] for a in host} | {self.other_story}
        editorial = next(i for i in range(1, 200) if i not in known)
        self.assert_error(self.get(f"/api/v1/articles/{editorial}", self.pdo), 404)
        for missing in ("999999", "abc", "0"):
            self.assert_error(self.get(f"/api/v1/articles/{missing}", self.pdo), 404)
        for path in ("/api/v1/articles?zone=other-zone", "/api/v1/deliveries?zone=other-zone",
                     "/api/v1/sources?zone=other-zone", "/api/v1/articles?zone=no-such-zone"):
            self.assert_error(self.get(path, self.pdo), 404)

    def test_deliveries_are_the_partners_own_and_name_their_token(self):
        body = self.ok("/api/v1/deliveries", self.pdo)
        self.assertEqual(body["total"], 2)
        self.assertEqual({d["zone"] for d in body["deliveries"]}, {"china-news-zone"})
        newest, oldest = body["deliveries"]
        self.assertEqual((oldest["created"], oldest["updated"]), (1, 0))
        self.assertEqual((newest["created"], newest["updated"]), (0, 1))
        self.assertEqual(newest["way"], "push")
        self.assertEqual(newest["result"], "ok")
        self.assertIsNone(newest["error"])
        self.assertTrue(newest["origin"].startswith(self.pdo[:12]))
        self.assertNotIn(self.pdo[12:], json.dumps(body))
        tokens = cli(self.data, "token", "list")
        pdo_id = next(line.split()[0] for line in tokens.splitlines() if self.pdo[:12] in line)
        self.assertEqual(newest["token_id"], int(pdo_id))
        other = self.ok("/api/v1/deliveries", self.other)
        self.assertEqual([d["zone"] for d in other["deliveries"]], ["other-zone"])

    def test_sources_are_the_partners_own_with_their_status(self):
        sources = self.ok("/api/v1/sources", self.pdo)["sources"]
        self.assertEqual([s["url"] for s in sources], ["https://partner.example/china.xml"])
        self.assertEqual(sources[0]["zone"], "china-news-zone")
        self.assertEqual(sources[0]["status"], "new")
        self.assertIsNone(sources[0]["last_success"])
        self.assertNotIn("agency.example", json.dumps(sources))
        self.assertEqual([s["zone"] for s in self.ok("/api/v1/sources", self.other)["sources"]],
                         ["other-zone"])

    # --- pages and bad queries -------------------------------------------------------------

    def test_pages_are_bounded_and_do_not_overlap(self):
        first = self.ok("/api/v1/articles?per_page=2", self.pdo)
        second = self.ok("/api/v1/articles?per_page=2&page=2", self.pdo)
        self.assertEqual((first["page"], first["per_page"]), (1, 2))
        self.assertEqual(len(first["articles"]), 2)
        self.assertEqual(len(second["articles"]), 2)
        self.assertFalse({a["id"] for a in first["articles"]} &
                         {a["id"] for a in second["articles"]})
        self.assertEqual(first["total"], second["total"])
        default = self.ok("/api/v1/articles", self.pdo)
        self.assertEqual(default["per_page"], 20)
        beyond = self.ok("/api/v1/articles?page=1000", self.pdo)
        self.assertEqual(beyond["articles"], [])
        deliveries = self.ok("/api/v1/deliveries?per_page=1&page=2", self.pdo)
        self.assertEqual(len(deliveries["deliveries"]), 1)
        self.assertEqual(deliveries["total"], 2)

    def test_a_bad_query_is_400_in_the_error_shape(self):
        for path in ("/api/v1/articles?status=bogus", "/api/v1/articles?page=0",
                     "/api/v1/articles?page=abc", "/api/v1/articles?per_page=101",
                     "/api/v1/articles?per_page=0", "/api/v1/deliveries?page=-1",
                     "/api/v1/deliveries?per_page=1000"):
            self.assert_error(self.get(path, self.pdo), 400)


if __name__ == "__main__":
    unittest.main()
