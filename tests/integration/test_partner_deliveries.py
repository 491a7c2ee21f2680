"""The partner portal's delivery log (issue 8): GET /partner/deliveries lists what the signed-in
partner delivered to its own zones, pushed, polled or imported, newest first in pages of 50,
with the token or feed it came from and what became of its items. Another partner's zones
never appear, and naming one is 404.

The site is test_admin_auth's: People's Daily Online (zone china-news-zone, user
pdo@example.org) and Other Agency (zone other-zone, user other@example.org).
"""

import json
import os
import tempfile
import unittest

from nzserver import NzServer, parse_html, run_cli
from test_admin_auth import Client, make_site, set_cookies

PER_PAGE = 50


def ninjs(guid, headline):
    return json.dumps({"uri": guid, "headline": headline, "body_html": "<p>Body text.</p>",
                       "versioncreated": "2026-11-27T08:00:00Z", "language": "en"})


def cli_token(data, partner, name):
    code, out, err = run_cli(["token", "create", "--partner", partner, "--name", name],
                             data_dir=data)
    assert code == 0, err
    return out.strip()


class PartnerDeliveriesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-deliveries-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.pdo_token = cli_token(cls.data, "peoples-daily-online", "Newsroom CMS")
        cls.other_token = cli_token(cls.data, "other-agency", "Agency wire")
        # A file imported on the server's command line: the oldest delivery.
        cls.import_file = os.path.join(cls.tmp.name, "wire-import.json")
        with open(cls.import_file, "w", encoding="utf-8") as f:
            f.write(ninjs("urn:pd:file", "Imported from a file"))
        code, _, err = run_cli(["ingest", "--zone", "china-news-zone", cls.import_file],
                               data_dir=cls.data)
        assert code == 0, err
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"}).start()
        cls.client = Client(cls.server)
        # People's Daily Online: two stories, then one of them again with a new headline,
        # then a document nothing can be read from.
        cls.push(cls.pdo_token, "china-news-zone", ninjs("urn:pd:1", "Rail line opens"))
        cls.push(cls.pdo_token, "china-news-zone", ninjs("urn:pd:2", "Harbour expands"))
        cls.push(cls.pdo_token, "china-news-zone", ninjs("urn:pd:1", "Rail line opens today"))
        cls.push(cls.pdo_token, "china-news-zone", "{not json at all", expect=422)
        # Other Agency: enough pushes for two pages.
        for i in range(PER_PAGE + 2):
            cls.push(cls.other_token, "other-zone", ninjs(f"urn:oa:{i}", f"Agency story {i}"))
        cls.pdo = cls.client.sign_in("pdo@example.org")
        cls.other = cls.client.sign_in("other@example.org")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    @classmethod
    def push(cls, token, zone, body, expect=(200, 201)):
        resp = cls.server.request("POST", f"/api/v1/zones/{zone}/articles",
                                  headers={"Content-Type": "application/json",
                                           "Authorization": "Bearer " + token}, body=body)
        expected = expect if isinstance(expect, tuple) else (expect,)
        assert resp.status in expected, (resp.status, resp.text)
        return resp

    def log(self, session, query=""):
        """The log page: (status, body, rows as lists of cell texts)."""
        status, headers, body = self.client.get("/partner/deliveries" + query, session)
        if status == 200:
            self.assertEqual(headers["Cache-Control"], "no-store")
        rows = []
        table = parse_html(body).find("table", cls="delivery-log") if status == 200 else None
        if table is not None:
            for tr in table.find_all("tr"):
                cells = [" ".join(td.text.split()) for td in tr.find_all("td")]
                if cells:
                    rows.append(cells)
        return status, body, rows

    def test_a_partner_sees_its_pushes_with_the_token_counts_and_results(self):
        status, body, rows = self.log(self.pdo)
        self.assertEqual(status, 200)
        self.assertEqual(len(rows), 5, rows)
        self.assertTrue(all(r[1] == "China News Zone" for r in rows), rows)
        unreadable, update, second, first, imported = rows  # newest first
        self.assertTrue(imported[2].startswith("import"), imported)
        self.assertIn("ninjs", imported[2])  # the format read
        self.assertIn("wire-import.json", imported[3])
        for pushed in (unreadable, update, second, first):
            self.assertTrue(pushed[2].startswith("push"), pushed)
            self.assertIn("Newsroom CMS", pushed[3])  # the token that pushed it, by name
            self.assertIn("nzp_", pushed[3])
        # Received, zone, way, from, items, new, updated, unchanged, duplicates, failed.
        self.assertEqual(first[4:10], ["1", "1", "0", "0", "0", "0"])
        self.assertEqual(update[4:10], ["1", "0", "1", "0", "0", "0"])
        self.assertEqual(first[10], "ok")
        self.assertRegex(first[0], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(unreadable[2], "push", "nothing could be read, so no format")
        self.assertTrue(unreadable[10].startswith("failed"), unreadable)
        self.assertIn("unreadable", unreadable[10])
        self.assertNotIn(self.pdo_token, body)
        self.assertNotIn("Other Zone", body)
        self.assertNotIn("Agency", body)

    def test_another_partners_zone_never_appears_and_naming_it_is_404(self):
        status, body, rows = self.log(self.other)
        self.assertEqual(status, 200)
        self.assertEqual(len(rows), PER_PAGE)
        self.assertTrue(all(r[1] == "Other Zone" for r in rows))
        self.assertNotIn("China News Zone", body)
        self.assertNotIn("Newsroom CMS", body)
        for session, zone in ((self.pdo, "other-zone"), (self.other, "china-news-zone"),
                              (self.pdo, "no-such-zone")):
            status, body, rows = self.log(session, "?zone=" + zone)
            self.assertEqual(status, 404, zone)
            self.assertEqual(rows, [])
        status, _, rows = self.log(self.pdo, "?zone=china-news-zone")
        self.assertEqual(status, 200)
        self.assertEqual(len(rows), 5)

    def test_the_log_comes_in_pages(self):
        status, body, rows = self.log(self.other)
        self.assertIn(f"{PER_PAGE + 2} in all", " ".join(body.split()))
        nav = parse_html(body).find(cls="pagination")
        self.assertIsNotNone(nav)
        self.assertIn("Page 1 of 2", nav.text)
        older = nav.find("a", rel="next")
        self.assertEqual(older.get("href"), "/partner/deliveries?page=2")
        status, body, page2 = self.log(self.other, "?page=2")
        self.assertEqual(status, 200)
        self.assertEqual(len(page2), 2)
        received = [r[0] for r in rows + page2]
        self.assertEqual(received, sorted(received, reverse=True))
        self.assertEqual(self.log(self.other, "?page=3")[0], 404)
        for bad in ("abc", "0", "-1"):
            self.assertEqual(self.log(self.other, "?page=" + bad)[0], 400, bad)

    def test_the_portal_links_to_the_log(self):
        status, _, body = self.client.get("/partner/", self.pdo)
        self.assertEqual(status, 200)
        doc = parse_html(body)
        self.assertIsNotNone(doc.find("a", href="/partner/deliveries"))
        self.assertIsNotNone(doc.find("a", href="/partner/deliveries?zone=china-news-zone"))

    def test_only_partner_users_open_the_log(self):
        status, headers, _ = self.client.get("/partner/deliveries")
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/admin/login")
        for email in ("editor@example.org", "admin@example.org"):
            session = self.client.sign_in(email)
            status, _, body = self.client.get("/partner/deliveries", session)
            self.assertEqual(status, 403, email)
            self.assertNotIn("Newsroom CMS", body)

    def test_an_empty_log_says_so(self):
        code, _, err = run_cli(["partner", "add", "--name", "Quiet Partner"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        code, _, err = run_cli(["zone", "add", "--slug", "quiet-zone", "--title", "Quiet Zone",
                                "--partner", "quiet-partner"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        code, _, err = run_cli(["user", "add", "--email", "quiet@example.org", "--role",
                                "partner", "--partner", "quiet-partner", "--password-stdin"],
                               data_dir=self.data, input="quiet partner password\n")
        self.assertEqual(code, 0, err)
        status, headers, _ = self.client.login("quiet@example.org", "quiet partner password")
        self.assertEqual(status, 303)
        session = set_cookies(headers)["nz_session"]
        status, body, rows = self.log(session)
        self.assertEqual(status, 200)
        self.assertEqual(rows, [])
        self.assertIn("Nothing delivered yet", body)
        self.assertIn("0 in all", " ".join(body.split()))


if __name__ == "__main__":
    unittest.main()
