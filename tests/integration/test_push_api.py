"""The push API (issue 3): partners POST articles with a bearer token to their own zones.

Each test runs the real server on the demo site (zone china-news-zone, partner
peoples-daily-online), makes tokens with `newszone token create`, and talks HTTP to it.
"""

import json
import os
import re
import tempfile
import unittest

from nzserver import NzServer, parse_html, run_cli

ZONE = "/api/v1/zones/china-news-zone/articles"


def ninjs(guid, headline, body="<p>Body text.</p>", **extra):
    item = {"uri": guid, "headline": headline, "body_html": body,
            "versioncreated": "2026-11-27T08:00:00Z", "language": "en"}
    item.update(extra)
    return item


class PushApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-push-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass  # writes the demo site
        cls.token = cls.make_token("peoples-daily-online")
        # A second partner with a zone of its own, to prove tokens are scoped.
        code, _, err = run_cli(["partner", "add", "--name", "Other Agency"], data_dir=cls.data)
        assert code == 0, err
        code, _, err = run_cli(["zone", "add", "--slug", "other-zone", "--title", "Other Zone",
                                "--partner", "other-agency"], data_dir=cls.data)
        assert code == 0, err
        cls.other_token = cls.make_token("other-agency")
        cls.server = NzServer(data_dir=cls.data,
                              env={"NEWSZONE_MAX_API_BODY_BYTES": "65536"})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    @classmethod
    def make_token(cls, partner):
        code, out, err = run_cli(["token", "create", "--partner", partner], data_dir=cls.data)
        assert code == 0, err
        token = out.strip()
        assert re.fullmatch(r"nzp_[A-Za-z0-9_-]{43}", token), out
        return token

    def push(self, payload, token=None, content_type="application/json", path=ZONE):
        body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
        headers = {"Content-Type": content_type}
        if token is not False:
            headers["Authorization"] = "Bearer " + (token or self.token)
        return self.server.request("POST", path, headers=headers, body=body)

    def assert_json_error(self, resp, status, fragment):
        self.assertEqual(resp.status, status, resp.text)
        self.assertEqual(resp.header("Content-Type").split(";")[0], "application/json")
        self.assertIn(fragment, resp.json()["error"]["message"])

    # --- the happy path and idempotency ----------------------------------------------------

    def test_new_item_is_201_with_its_url_then_unchanged_then_a_new_version(self):
        resp = self.push(ninjs("urn:pdo:idem-1", "Idempotent story"))
        self.assertEqual(resp.status, 201, resp.text)
        result = resp.json()
        self.assertEqual(result["created"], 1)
        item = result["items"][0]
        self.assertEqual(item["status"], "created")
        self.assertEqual(item["version"], 1)
        self.assertTrue(resp.header("Location").endswith("-idempotent-story"), resp.header("Location"))
        self.assertEqual(item["url"], resp.header("Location"))

        again = self.push(ninjs("urn:pdo:idem-1", "Idempotent story"))
        self.assertEqual(again.status, 200, again.text)
        self.assertEqual(again.json()["items"][0]["status"], "unchanged")
        self.assertEqual(again.json()["items"][0]["version"], 1)

        changed = self.push(ninjs("urn:pdo:idem-1", "Idempotent story, corrected"))
        self.assertEqual(changed.status, 200, changed.text)
        self.assertEqual(changed.json()["items"][0]["status"], "updated")
        self.assertEqual(changed.json()["items"][0]["version"], 2)

        # The reader sees the corrected story, labelled as the partner's.
        path = "/" + item["url"].split("/", 3)[3]
        page = self.server.get(path)
        self.assertEqual(page.status, 200)
        self.assertIn("Idempotent story, corrected", page.text)
        self.assertEqual(parse_html(page.text).find("p", cls="attribution").text,
                         "This page is provided in cooperation with People's Daily Online.")

    def test_pushed_html_is_sanitized(self):
        resp = self.push(ninjs("urn:pdo:xss-1", "Sanitized push",
                               body='<p onclick="steal()">Hi<script>alert(1)</script></p>'
                                    '<img src="x" onerror="alert(2)">'))
        self.assertEqual(resp.status, 201, resp.text)
        page = self.server.get("/" + resp.json()["items"][0]["url"].split("/", 3)[3]).text
        body = page[page.index('class="story-body"'):page.index("</article>")]
        for bad in ("<script", "onclick", "onerror", "alert("):
            self.assertNotIn(bad, body)

    def test_an_rss_document_is_accepted_too(self):
        rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>PDO</title>'
               '<item><guid>urn:pdo:rss-1</guid><title>Pushed as RSS</title>'
               '<description>&lt;p&gt;Text&lt;/p&gt;</description></item></channel></rss>')
        resp = self.push(rss, content_type="application/rss+xml; charset=utf-8")
        self.assertEqual(resp.status, 201, resp.text)
        self.assertEqual(resp.json()["format"], "rss20")

    def test_the_same_story_under_a_new_uri_is_a_duplicate_that_leads_to_the_original(self):
        body = ("<p>The Finnish and Chinese governments agreed on Tuesday to fund a joint "
                "research programme on battery recycling, with three universities in each "
                "country exchanging researchers from next spring and a review after two "
                "years, the ministry said in a statement published in Helsinki.</p>")
        first = self.push(ninjs("urn:pdo:dup-original", "Battery research pact", body=body))
        self.assertEqual(first.status, 201, first.text)
        again = self.push(ninjs("urn:pdo:dup-resent", "Battery research pact signed", body=body))
        self.assertEqual(again.status, 200, again.text)
        item = again.json()["items"][0]
        self.assertEqual(item["status"], "duplicate")
        self.assertEqual(item["duplicate_of"], first.json()["items"][0]["id"])
        dup_path = "/" + item["url"].split("/", 3)[3]
        resp = self.server.get(dup_path)
        self.assertEqual(resp.status, 301)
        self.assertEqual(resp.header("Location"),
                         "/" + first.json()["items"][0]["url"].split("/", 3)[3])
        index = self.server.get("/china-news-zone/").text
        self.assertEqual(index.count("Battery research pact"), 1, "listed once")

    # --- a batch with a bad item -----------------------------------------------------------

    def test_one_bad_item_among_many_is_reported_by_index_and_the_rest_stored(self):
        batch = [ninjs("urn:pdo:batch-1", "Batch one"),
                 {"uri": "urn:pdo:batch-2"},  # no headline, no body: nothing to show
                 ninjs("urn:pdo:batch-3", "Batch three")]
        resp = self.push(batch)
        self.assertEqual(resp.status, 201, resp.text)
        result = resp.json()
        self.assertEqual(result["created"], 2)
        self.assertEqual(result["failed"], 1)
        self.assertEqual([i["status"] for i in result["items"]], ["created", "failed", "created"])
        self.assertEqual(result["items"][1]["index"], 1)
        self.assertIn("no title", result["items"][1]["error"])

    def test_atomic_stores_none_when_one_item_is_bad(self):
        batch = [ninjs("urn:pdo:atomic-1", "Atomic one"), {"uri": "urn:pdo:atomic-2"}]
        resp = self.push(batch, path=ZONE + "?atomic=1")
        self.assertEqual(resp.status, 422, resp.text)
        self.assertIn("item 1", resp.json()["error"]["message"])
        # Nothing was stored: the good item, sent alone, is new.
        alone = self.push([batch[0]], path=ZONE + "?atomic=1")
        self.assertEqual(alone.status, 201, alone.text)
        self.assertEqual(alone.json()["items"][0]["status"], "created")

    # --- every refusal ---------------------------------------------------------------------

    def test_401_without_with_malformed_unknown_and_revoked_tokens(self):
        self.assert_json_error(self.push(ninjs("a", "A"), token=False), 401, "Bearer")
        no_bearer = self.server.request("POST", ZONE, body="{}", headers={
            "Content-Type": "application/json", "Authorization": "Basic dXNlcjpwYXNz"})
        self.assert_json_error(no_bearer, 401, "Bearer TOKEN")
        self.assertEqual(no_bearer.header("WWW-Authenticate"), 'Bearer realm="newszone"')
        self.assert_json_error(self.push(ninjs("a", "A"), token="not-a-token"), 401, "nzp_")
        self.assert_json_error(self.push(ninjs("a", "A"), token="nzp_" + "A" * 43), 401,
                               "unknown token")
        doomed = self.make_token("peoples-daily-online")
        self.assertEqual(self.push(ninjs("urn:pdo:doomed", "Before revocation"),
                                   token=doomed).status, 201)
        code, out, _ = run_cli(["token", "list", "--partner", "peoples-daily-online"],
                               data_dir=self.data)
        self.assertEqual(code, 0)
        self.assertNotIn(doomed, out, "token list never shows a token")
        token_id = [line.split()[0] for line in out.splitlines()
                    if doomed[:12] in line][0]
        self.assertEqual(run_cli(["token", "revoke", token_id], data_dir=self.data)[0], 0)
        self.assert_json_error(self.push(ninjs("urn:pdo:doomed-2", "After"), token=doomed), 401,
                               "revoked")

    def test_403_for_another_partners_zone_and_404_for_no_zone(self):
        self.assert_json_error(self.push(ninjs("a", "A"), token=self.other_token), 403,
                               "china-news-zone")
        self.assert_json_error(self.push(ninjs("a", "A"), path="/api/v1/zones/news/articles"),
                               404, "no partner zone")
        self.assert_json_error(self.push(ninjs("a", "A"), path="/api/v1/zones/nope/articles"),
                               404, "nope")
        # The other partner can write to its own zone.
        own = self.push(ninjs("urn:other:1", "Other story"), token=self.other_token,
                        path="/api/v1/zones/other-zone/articles")
        self.assertEqual(own.status, 201, own.text)

    def test_413_for_a_body_over_the_api_limit(self):
        huge = [ninjs("urn:pdo:huge-%d" % i, "Huge %d" % i, body="<p>" + "x" * 1000 + "</p>")
                for i in range(100)]
        self.assert_json_error(self.push(huge), 413, "larger than 65536 bytes")

    def test_415_for_a_body_that_is_no_feed(self):
        self.assert_json_error(self.push("headline=x", content_type="application/x-www-form-urlencoded"),
                               415, "application/x-www-form-urlencoded")
        self.assert_json_error(self.push("<html></html>", content_type="text/html"), 415,
                               "text/html")

    def test_422_for_nothing_readable(self):
        self.assert_json_error(self.push("{not json"), 422, "nothing could be read")
        self.assert_json_error(self.push(""), 422, "empty")
        self.assert_json_error(self.push({"unrelated": "object"}), 422, "nothing could be read")

    def test_unknown_api_paths_are_json_404s(self):
        self.assert_json_error(self.server.get("/api/v1/nothing-here"), 404, "no API endpoint")

    def test_get_is_405(self):
        resp = self.server.get(ZONE, headers={"Authorization": "Bearer " + self.token})
        self.assertEqual(resp.status, 405)


if __name__ == "__main__":
    unittest.main()
