"""The editors' operations in the JSON API (issue 8), with an editor's or admin's own token.

The site is test_admin_auth's: People's Daily Online (zone china-news-zone, held for review
here) and Other Agency (zone other-zone), with an admin, an editor and partner users. Tokens
are made with `newszone token create --user` and at /admin/tokens. An editor's token moderates,
corrects, and changes sections, zones, partners and sources through the admin's own functions,
so readers' pages follow at once and every change is in the audit log under the editor's name.
A partner's token is refused (403) on each of these and changes nothing; no token, a revoked
one or a disabled user's is 401.
"""

import json
import os
import re
import tempfile
import unittest
import urllib.parse

from nzserver import NzServer, parse_html, run_cli
from test_admin_auth import Client, make_site

TOKEN = re.compile(r"nzp_[A-Za-z0-9_-]{43}")

# Every editors' operation, with a body it would accept from an editor. {article},
# {section}, {partner} and {source} are filled in with real ids.
EDITOR_OPERATIONS = [
    ("GET", "/api/v1/queue", None),
    ("POST", "/api/v1/articles/{article}/approve", None),
    ("POST", "/api/v1/articles/{article}/reject", {"reason": "No."}),
    ("POST", "/api/v1/articles/{article}/withdraw", {"reason": "No."}),
    ("POST", "/api/v1/articles/{article}/restore", None),
    ("PATCH", "/api/v1/articles/{article}", {"headline": "Changed by a partner"}),
    ("GET", "/api/v1/sections", None),
    ("POST", "/api/v1/sections", {"kind": "section", "slug": "partner-made", "title": "X"}),
    ("GET", "/api/v1/sections/{section}", None),
    ("PATCH", "/api/v1/sections/{section}", {"title": "Renamed by a partner"}),
    ("GET", "/api/v1/partners", None),
    ("POST", "/api/v1/partners", {"slug": "partner-made", "name": "Partner Made"}),
    ("PATCH", "/api/v1/partners/{partner}", {"name": "Renamed by a partner"}),
    ("POST", "/api/v1/sources", {"zone": "china-news-zone", "url": "https://x.example/f.xml"}),
    ("PATCH", "/api/v1/sources/{source}", {"enabled": False}),
]


def cli(data, *args, expect=0):
    code, out, err = run_cli(list(args), data_dir=data)
    assert code == expect, (args, code, err)
    return out, err


def ninjs(guid, headline):
    return json.dumps({"uri": guid, "headline": headline, "body_html": "<p>Body text.</p>",
                       "description_text": "The standfirst.",
                       "versioncreated": "2026-11-27T08:00:00Z", "language": "en"})


class ApiEditorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-api-editor-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cli(cls.data, "zone", "set", "china-news-zone", "--moderation", "hold-for-review")
        cls.partner_token = cli(cls.data, "token", "create", "--partner",
                                "peoples-daily-online")[0].strip()
        cls.editor_token = cli(cls.data, "token", "create", "--user", "editor@example.org",
                               "--name", "Moderation script")[0].strip()
        cli(cls.data, "source", "add", "--zone", "china-news-zone",
            "--url", "https://partner.example/china.xml")
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"}).start()
        cls.client = Client(cls.server)
        cls.admin = cls.client.sign_in("admin@example.org")
        cls.count = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    # --- helpers ---------------------------------------------------------------------------

    def call(self, method, path, body=None, token=None, raw=None, headers=None):
        """An API call; `body` is sent as JSON. Returns the nzserver Response."""
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = "Bearer " + token
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            sent["Content-Type"] = "application/json"
        resp = self.server.request(method, path, headers=sent, body=data)
        self.assertTrue(resp.header("Content-Type").startswith("application/json"),
                        (method, path, resp.status))
        self.assertEqual(resp.header("Cache-Control"), "no-store", (method, path))
        return resp

    def ok(self, method, path, body=None, expect=200, token=None):
        resp = self.call(method, path, body, token or self.editor_token)
        self.assertEqual(resp.status, expect, f"{method} {path}: {resp.text}")
        return resp.json()

    def refused(self, method, path, body, status, field=None, token=None):
        resp = self.call(method, path, body, token or self.editor_token)
        self.assertEqual(resp.status, status, f"{method} {path} {body}: {resp.text}")
        error = resp.json()["error"]
        self.assertEqual(error["status"], status)
        self.assertTrue(error["message"])
        if field is not None:
            self.assertEqual(error.get("field"), field, error)
        return error

    def push(self, headline):
        """A pending article pushed by the partner; returns (id, reader path)."""
        type(self).count += 1
        resp = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json",
                     "Authorization": "Bearer " + self.partner_token},
            body=ninjs(f"urn:api-editor:{self.count}", headline))
        self.assertEqual(resp.status, 201, resp.text)
        [item] = resp.json()["items"]
        self.assertEqual(item["article_status"], "pending")
        return item["id"], urllib.parse.urlsplit(item["url"]).path

    def reader(self, path, expect):
        resp = self.server.get(path)
        self.assertEqual(resp.status, expect, f"GET {path}: {resp.text[:300]}")
        return resp.text

    def audit(self):
        status, _, body = self.client.get("/admin/audit", self.admin)
        self.assertEqual(status, 200)
        return [" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")], body

    def audit_rows(self, action, target):
        rows, _ = self.audit()
        return [r for r in rows if action in r and (target + " ") in (r + " ")]

    def user_id(self, email):
        out, _ = cli(self.data, "user", "list")
        return next(line.split()[0] for line in out.splitlines() if email in line)

    def token_rows(self, page):
        """{name: id of its revoke form, or None} of the /admin/tokens table."""
        rows = {}
        for tr in parse_html(page).find_all("tr"):
            cells = tr.find_all("td")
            if len(cells) != 6:
                continue
            match = re.search(r"/admin/tokens/(\d+)/revoke", str(tr.find("form") or ""))
            rows[cells[0].text.strip()] = match.group(1) if match else None
        return rows

    def csrf(self, session, path="/admin/tokens"):
        return self.client.csrf(session, path)

    def ids(self):
        """Real ids for EDITOR_OPERATIONS' paths."""
        article, _ = self.push("An article for the refusals")
        sections = self.ok("GET", "/api/v1/sections")["sections"]
        zone = next(s for s in sections if s["slug"] == "china-news-zone")
        partners = self.ok("GET", "/api/v1/partners")["partners"]
        sources = self.ok("GET", "/api/v1/sources")["sources"]
        return {"article": article, "section": zone["id"], "partner": partners[0]["id"],
                "source": sources[0]["id"]}

    def snapshot(self, ids):
        """What the editors' operations could change, as an editor's token reads it."""
        return (self.ok("GET", f"/api/v1/articles/{ids['article']}"),
                self.ok("GET", "/api/v1/sections"), self.ok("GET", "/api/v1/partners"),
                self.ok("GET", "/api/v1/sources"), self.audit()[0][:20])

    # --- moderation ------------------------------------------------------------------------

    def test_an_editor_token_moderates_and_readers_follow_at_once(self):
        first, first_path = self.push("Harbour talks resume")
        second, second_path = self.push("Rumour about tariffs")
        queue = self.ok("GET", "/api/v1/queue?zone=china-news-zone&per_page=100")
        queued = {a["id"] for a in queue["articles"]}
        self.assertLessEqual({first, second}, queued)
        self.assertTrue(all(a["status"] == "pending" for a in queue["articles"]))
        self.reader(first_path, 404)

        approved = self.ok("POST", f"/api/v1/articles/{first}/approve")
        self.assertEqual((approved["status"], approved["state"]), ("published", "published"))
        self.assertIn("Harbour talks resume", self.reader(first_path, 200))
        self.assertIn("Harbour talks resume", self.reader("/china-news-zone/", 200))
        queued = {a["id"] for a in self.ok("GET", "/api/v1/queue?per_page=100")["articles"]}
        self.assertNotIn(first, queued)
        # Approving twice does not apply: 409, and nothing is recorded twice.
        self.refused("POST", f"/api/v1/articles/{first}/approve", None, 409)
        self.assertEqual(len(self.audit_rows("article.approve", f"article:{first}")), 1)

        self.refused("POST", f"/api/v1/articles/{second}/reject", {}, 400, "reason")
        self.refused("POST", f"/api/v1/articles/{second}/reject", {"reason": "x" * 501}, 400,
                     "reason")
        rejected = self.ok("POST", f"/api/v1/articles/{second}/reject",
                           {"reason": "Not confirmed by a second source."})
        self.assertEqual(rejected["state"], "rejected")
        self.assertEqual(rejected["reason"], "Not confirmed by a second source.")
        self.reader(second_path, 404)

        withdrawn = self.ok("POST", f"/api/v1/articles/{first}/withdraw",
                            {"reason": "Legal asked us to."})
        self.assertEqual(withdrawn["status"], "withdrawn")
        self.reader(first_path, 410)
        restored = self.ok("POST", f"/api/v1/articles/{first}/restore")
        self.assertEqual(restored["status"], "published")
        self.reader(first_path, 200)

        # Every change is the editor's in the audit log, with the state before and after.
        [row] = self.audit_rows("article.withdraw", f"article:{first}")
        self.assertIn("editor@example.org", row)
        self.assertRegex(row, r"API token nzp_[A-Za-z0-9_-]{8}")
        self.assertIn('"status":"published"', row)
        self.assertIn('"status":"withdrawn"', row)
        self.assertIn("Legal asked us to.", row)
        [row] = self.audit_rows("article.reject", f"article:{second}")
        self.assertIn("editor@example.org", row)
        _, audit_body = self.audit()
        self.assertNotIn(self.editor_token, audit_body)

    def test_an_editor_token_corrects_headline_standfirst_and_tags(self):
        article, path = self.push("Ferry timetable publishd")
        self.ok("POST", f"/api/v1/articles/{article}/approve")
        edited = self.ok("PATCH", f"/api/v1/articles/{article}",
                         {"headline": "Ferry timetable published", "tags": ["China", "Finland"]})
        self.assertEqual(edited["headline"], "Ferry timetable published")
        self.assertEqual(edited["standfirst"], "The standfirst.")  # kept as it was
        self.assertEqual(edited["version"], 2)
        self.assertEqual(edited["versions"][-1]["headline"], "Ferry timetable published")
        self.assertEqual(sorted(t.lower() for t in edited["tags"]), ["china", "finland"])
        self.assertIn("Ferry timetable published", self.reader(path, 200))
        [row] = self.audit_rows("article.edit", f"article:{article}")
        self.assertIn("editor@example.org", row)
        self.assertIn("Ferry timetable publishd", row)

        # tags become exactly the list; an unchanged headline makes no new version.
        again = self.ok("PATCH", f"/api/v1/articles/{article}",
                        {"headline": "Ferry timetable published", "tags": ["finland"]})
        self.assertEqual(again["version"], 2)
        self.assertEqual([t.lower() for t in again["tags"]], ["finland"])
        self.assertEqual(len(self.audit_rows("article.untag", f"article:{article}")), 1)

        # Bad bodies name the field and change nothing, not even the parts that were fine.
        for body, field in (({"headline": ""}, "headline"),
                            ({"headline": "h" * 301}, "headline"),
                            ({"standfirst": "s" * 2001}, "standfirst"),
                            ({"headline": "Fine", "tags": ["t" * 101]}, "tags"),
                            ({"headline": "Fine", "tags": ["No such topic anywhere"]}, "tags"),
                            ({"headline": 7}, "headline"),
                            ({"tags": "finland"}, "tags"),
                            ({"hedline": "typo"}, "hedline"),
                            ({}, "")):
            error = self.refused("PATCH", f"/api/v1/articles/{article}", body, 400)
            self.assertEqual(error.get("field", ""), field, (body, error))
        resp = self.call("PATCH", f"/api/v1/articles/{article}", token=self.editor_token,
                         raw="{not json")
        self.assertEqual(resp.status, 400)
        resp = self.call("PATCH", f"/api/v1/articles/{article}", token=self.editor_token,
                         raw=json.dumps({"headline": "x" * (70 * 1024)}))
        self.assertEqual(resp.status, 413)
        self.assertEqual(self.ok("GET", f"/api/v1/articles/{article}")["headline"],
                         "Ferry timetable published")
        self.refused("PATCH", "/api/v1/articles/999999", {"headline": "Nothing"}, 404)
        self.refused("POST", "/api/v1/articles/999999/approve", None, 404)
        self.refused("POST", "/api/v1/articles/abc/withdraw", {"reason": "x"}, 404)

    # --- sections, zones, partners, sources ------------------------------------------------

    def test_an_editor_token_makes_a_partner_a_zone_and_a_source(self):
        partner = self.ok("POST", "/api/v1/partners",
                          {"slug": "nordic-wire", "name": "Nordic Wire",
                           "url": "https://nordic.example/"}, expect=201)
        self.assertEqual(partner["name"], "Nordic Wire")
        self.refused("POST", "/api/v1/partners", {"slug": "nordic-wire", "name": "Again"}, 409)
        self.refused("POST", "/api/v1/partners", {"slug": "x-wire", "name": "X",
                                                  "url": "ftp://x.example/"}, 400, "url")
        renamed = self.ok("PATCH", f"/api/v1/partners/{partner['id']}",
                          {"name": "Nordic Wire Service"})
        self.assertEqual(renamed["name"], "Nordic Wire Service")
        self.refused("PATCH", "/api/v1/partners/999999", {"name": "Nobody"}, 404)

        resp = self.call("POST", "/api/v1/sections",
                         {"kind": "zone", "slug": "nordic-zone", "title": "Nordic Zone",
                          "partner": "nordic-wire", "contract_start": "2026-01-01",
                          "contract_end": "2026-12-31", "noindex": True},
                         token=self.editor_token)
        self.assertEqual(resp.status, 201, resp.text)
        zone = resp.json()
        self.assertEqual(resp.header("Location"), f"/api/v1/sections/{zone['id']}")
        self.assertEqual((zone["kind"], zone["partner"], zone["contract_end"], zone["noindex"]),
                         ("zone", "nordic-wire", "2026-12-31", True))
        self.assertEqual(self.ok("GET", f"/api/v1/sections/{zone['id']}"), zone)
        page = self.reader("/nordic-zone/", 200)
        self.assertIn("Nordic Zone", page)
        self.assertIn("Nordic Wire Service", page)  # the zone's label names its partner

        changed = self.ok("PATCH", f"/api/v1/sections/{zone['id']}",
                          {"title": "Nordic News Zone", "contract_end": None})
        self.assertEqual((changed["title"], changed["contract_end"]), ("Nordic News Zone", None))
        self.assertIn("Nordic News Zone", self.reader("/nordic-zone/", 200))
        [row] = self.audit_rows("section.update", f"section:{zone['id']}")
        self.assertIn("editor@example.org", row)
        self.assertIn('"title":"Nordic Zone"', row)
        self.assertIn('"title":"Nordic News Zone"', row)

        # The admin form's checks, naming the field.
        for body, field in (({"contract_start": "2026-13-01"}, "contract_start"),
                            ({"contract_start": "2027-01-01", "contract_end": "2026-01-01"},
                             "contract_end"),
                            ({"moderation": "sometimes"}, "moderation"),
                            ({"link_rel": "follow-me"}, "link_rel"),
                            ({"title": ""}, "title"),
                            ({"title": "t" * 201}, "title"),
                            ({"position": "first"}, "position"),
                            ({"partner": "no-such-partner"}, "partner"),
                            ({"slug": "renamed"}, "slug")):
            self.refused("PATCH", f"/api/v1/sections/{zone['id']}", body, 400, field)
        self.assertEqual(self.ok("GET", f"/api/v1/sections/{zone['id']}")["title"],
                         "Nordic News Zone")
        self.refused("POST", "/api/v1/sections", {"kind": "section", "slug": "culture",
                                                  "title": "Culture",
                                                  "moderation": "hold-for-review"},
                     400, "moderation")
        self.refused("POST", "/api/v1/sections", {"slug": "culture", "title": "Culture"}, 400,
                     "kind")
        self.refused("POST", "/api/v1/sections", {"kind": "section", "slug": "admin",
                                                  "title": "Admin"}, 400, "slug")
        self.refused("POST", "/api/v1/sections", {"kind": "section", "slug": "nordic-zone",
                                                  "title": "Twice"}, 409)
        self.refused("GET", "/api/v1/sections/999999", None, 404)
        section = self.ok("POST", "/api/v1/sections",
                          {"kind": "section", "slug": "culture", "title": "Culture"}, expect=201)
        self.assertEqual((section["kind"], section["partner"]), ("section", None))
        self.reader("/culture/", 200)

        source = self.ok("POST", "/api/v1/sources",
                         {"zone": "nordic-zone", "url": "https://nordic.example/feed.xml",
                          "every": "30m", "headers": ["X-Api-Key: secret-value"]}, expect=201)
        self.assertEqual((source["zone"], source["every_seconds"], source["enabled"]),
                         ("nordic-zone", 1800, True))
        self.assertNotIn("secret-value", json.dumps(source))
        for body, field in (({"zone": "nordic-zone", "url": "https://n.example/2", "every": "soon"},
                             "every"),
                            ({"zone": "nowhere", "url": "https://n.example/3"}, "zone"),
                            ({"zone": "nordic-zone"}, "url"),
                            ({"zone": "nordic-zone", "url": "file:///etc/passwd"}, "url"),
                            ({"zone": "nordic-zone", "url": "https://n.example/4",
                              "headers": ["no colon"]}, "headers")):
            self.refused("POST", "/api/v1/sources", body, 400, field)
        self.refused("POST", "/api/v1/sources", {"zone": "nordic-zone",
                                                 "url": "https://nordic.example/feed.xml"}, 409)
        paused = self.ok("PATCH", f"/api/v1/sources/{source['id']}", {"enabled": False,
                                                                       "every": "1h"})
        self.assertEqual((paused["enabled"], paused["every_seconds"], paused["status"]),
                         (False, 3600, "disabled"))
        self.refused("PATCH", "/api/v1/sources/999999", {"enabled": True}, 404)
        listed = self.ok("GET", "/api/v1/sources?zone=nordic-zone")["sources"]
        self.assertEqual([s["id"] for s in listed], [source["id"]])
        self.assertEqual(len(self.audit_rows("source.pause", f"source:{source['id']}")), 1)
        [row] = self.audit_rows("source.add", f"source:{source['id']}")
        self.assertIn("editor@example.org", row)
        self.assertNotIn("secret-value", row)

    def test_an_editor_token_reads_every_zone_and_a_partner_token_still_its_own(self):
        other = self.server.request("POST", "/api/v1/zones/other-zone/articles")
        self.assertEqual(other.status, 401)
        zones = {z["slug"] for z in self.ok("GET", "/api/v1/zones")["zones"]}
        self.assertLessEqual({"china-news-zone", "other-zone"}, zones)
        partner_zones = {z["slug"] for z in self.ok("GET", "/api/v1/zones",
                                                    token=self.partner_token)["zones"]}
        self.assertEqual(partner_zones, {"china-news-zone"})
        self.ok("GET", "/api/v1/articles?zone=other-zone")
        self.refused("GET", "/api/v1/articles?zone=other-zone", None, 404,
                     token=self.partner_token)
        deliveries = self.ok("GET", "/api/v1/deliveries")
        self.assertGreaterEqual(deliveries["total"], 1)

    # --- who may ---------------------------------------------------------------------------

    def test_a_partner_token_gets_403_on_every_editor_operation_and_changes_nothing(self):
        ids = self.ids()
        before = self.snapshot(ids)
        for method, template, body in EDITOR_OPERATIONS:
            path = template.format(**ids)
            error = self.refused(method, path, body, 403, token=self.partner_token)
            self.assertIn("editors", error["message"])
        self.assertEqual(self.snapshot(ids), before)
        # A partner's token still pushes; an editor's may not push for a partner.
        refused = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json",
                     "Authorization": "Bearer " + self.editor_token},
            body=ninjs("urn:api-editor:by-editor", "Pushed by an editor"))
        self.assertEqual(refused.status, 403, refused.text)

    def test_no_token_a_bad_one_and_a_revoked_one_are_401(self):
        ids = self.ids()
        out, _ = cli(self.data, "token", "create", "--user", "admin@example.org",
                     "--name", "soon revoked")
        revoked = out.strip()
        self.ok("GET", "/api/v1/queue", token=revoked)
        token_id = next(line.split()[0] for line in cli(self.data, "token", "list")[0]
                        .splitlines() if "soon revoked" in line)
        cli(self.data, "token", "revoke", token_id)
        before = self.snapshot(ids)
        for method, template, body in EDITOR_OPERATIONS:
            path = template.format(**ids)
            for token in (None, "nzp_" + "A" * 43, "not-a-token", revoked):
                resp = self.call(method, path, body, token)
                self.assertEqual(resp.status, 401, f"{method} {path} {token}: {resp.text}")
                self.assertIn("Bearer", resp.header("WWW-Authenticate") or "")
                self.assertEqual(resp.json()["error"]["status"], 401)
        self.assertEqual(self.snapshot(ids), before)

    def test_a_disabled_users_tokens_stop_at_once(self):
        token = cli(self.data, "token", "create", "--user", "late@example.org")[0].strip()
        article, _ = self.push("Held until the editor is back")
        self.ok("GET", "/api/v1/queue", token=token)
        late = self.user_id("late@example.org")
        status, _, _ = self.client.post(f"/admin/users/{late}/disable",
                                        {"csrf": self.client.csrf(self.admin, "/admin/users")},
                                        self.admin)
        self.assertEqual(status, 303)
        self.refused("GET", "/api/v1/queue", None, 401, token=token)
        self.refused("POST", f"/api/v1/articles/{article}/approve", None, 401, token=token)
        self.assertEqual(self.ok("GET", f"/api/v1/articles/{article}")["status"], "pending")
        status, _, _ = self.client.post(f"/admin/users/{late}/enable",
                                        {"csrf": self.client.csrf(self.admin, "/admin/users")},
                                        self.admin)
        self.assertEqual(status, 303)
        self.ok("GET", "/api/v1/queue", token=token)

    # --- tokens: the CLI and /admin/tokens -------------------------------------------------

    def test_cli_token_create_for_a_user(self):
        code, out, err = run_cli(["token", "create", "--user", "admin@example.org",
                                  "--name", "Nightly report"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        token = out.strip()
        self.assertRegex(token, TOKEN)
        self.assertIn("admin@example.org", err)
        listed = cli(self.data, "token", "list")[0]
        row = next(line for line in listed.splitlines() if "Nightly report" in line)
        self.assertIn("admin@example.org", row)
        self.assertNotIn(token, listed)
        self.assertEqual(self.ok("GET", "/api/v1/queue", token=token)["page"], 1)
        for args in (["--user", "pdo@example.org"],            # a partner user: refused
                     ["--user", "nobody@example.org"],         # unknown
                     ["--user", "admin@example.org", "--partner", "peoples-daily-online"],
                     []):
            code, out, err = run_cli(["token", "create"] + args, data_dir=self.data)
            self.assertNotEqual(code, 0, args)
            self.assertNotRegex(out, TOKEN)
        [row] = [r for r in self.audit()[0] if "token.create" in r and '"name":"Nightly report"'
                 in r]
        self.assertIn('"user_id":', row)
        self.assertNotIn(token, row)

    def test_the_admin_tokens_page_shows_a_token_once_and_revokes_it(self):
        editor = self.client.sign_in("editor@example.org")
        status, headers, body = self.client.get("/admin/tokens", editor)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertIn("Moderation script", body)  # the one the CLI made
        self.assertIn('href="/admin/tokens"', body)  # in the navigation

        status, headers, body = self.client.post(
            "/admin/tokens", {"csrf": self.csrf(editor), "name": "Desk tool"}, editor)
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertIn("will not be shown again", body)
        [token] = set(TOKEN.findall(body))
        status, _, listing = self.client.get("/admin/tokens", editor)
        self.assertNotIn(token, listing)
        self.assertIn(token[:12] + "…", listing)
        self.assertEqual(self.ok("GET", "/api/v1/queue", token=token)["page"], 1)

        # Too long a name: the form again, with the message and the name kept.
        status, _, body = self.client.post(
            "/admin/tokens", {"csrf": self.csrf(editor), "name": "n" * 101}, editor)
        self.assertEqual(status, 422)
        self.assertIn("at most 100", body)
        self.assertIn('value="' + "n" * 101 + '"', body)

        token_id = self.token_rows(listing)["Desk tool"]
        self.assertIsNotNone(token_id)
        # Only the owner revokes: the admin gets 404 for the editor's token.
        status, _, _ = self.client.post(f"/admin/tokens/{token_id}/revoke",
                                        {"csrf": self.csrf(self.admin)}, self.admin)
        self.assertEqual(status, 404)
        # Without the CSRF token: 403; anonymous: 401; a partner user: 403.
        status, _, _ = self.client.post(f"/admin/tokens/{token_id}/revoke", {}, editor)
        self.assertEqual(status, 403)
        status, _, _ = self.client.post(f"/admin/tokens/{token_id}/revoke", {})
        self.assertEqual(status, 401)
        status, _, _ = self.client.post("/admin/tokens", {"name": "x"})
        self.assertEqual(status, 401)
        status, headers, _ = self.client.get("/admin/tokens")
        self.assertEqual(status, 303)
        self.assertIn("/admin/login", headers["Location"])
        pdo = self.client.sign_in("pdo@example.org")
        self.assertEqual(self.client.get("/admin/tokens", pdo)[0], 403)
        status, _, _ = self.client.post("/admin/tokens", {"csrf": self.client.csrf(
            pdo, "/partner/"), "name": "x"}, pdo)
        self.assertEqual(status, 403)
        self.assertEqual(self.ok("GET", "/api/v1/queue", token=token)["page"], 1)

        # Revoked, it stops at once, and loses its button.
        status, _, _ = self.client.post(f"/admin/tokens/{token_id}/revoke",
                                        {"csrf": self.csrf(editor)}, editor)
        self.assertEqual(status, 303)
        self.refused("GET", "/api/v1/queue", None, 401, token=token)
        status, _, listing = self.client.get("/admin/tokens", editor)
        self.assertIsNone(self.token_rows(listing)["Desk tool"])
        self.assertIn("revoked", listing)
        [created] = self.audit_rows("token.create", f"token:{token_id}")
        self.assertIn("editor@example.org", created)
        [revoked] = self.audit_rows("token.revoke", f"token:{token_id}")
        self.assertIn("editor@example.org", revoked)
        _, audit_body = self.audit()
        self.assertNotIn(token, audit_body)
        self.assertNotIn(token[12:], audit_body)


if __name__ == "__main__":
    unittest.main()
