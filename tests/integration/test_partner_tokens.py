"""Partners make and revoke their own API tokens in the portal (issue 8): POST /partner/tokens
and /partner/tokens/{id}/revoke, driven as a browser would against the real server.

The site is test_admin_auth's: the demo partner People's Daily Online (zone china-news-zone,
user pdo@example.org) and Other Agency (zone other-zone, user other@example.org), an admin
and an editor. A token belongs to its partner: it pushes to the partner's zones and is
refused for any other.
"""

import json
import os
import re
import tempfile
import unittest

from nzserver import NzServer, parse_html, run_cli
from test_admin_auth import Client, hidden_csrf, make_site

TOKEN = re.compile(r"nzp_[A-Za-z0-9_-]{43}")


def ninjs(guid, headline):
    return json.dumps({"uri": guid, "headline": headline, "body_html": "<p>Body text.</p>",
                       "versioncreated": "2026-11-27T08:00:00Z", "language": "en"})


class PartnerTokensTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-partner-tokens-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.server = NzServer(data_dir=cls.data).start()
        cls.client = Client(cls.server)
        cls.pdo = cls.client.sign_in("pdo@example.org")
        cls.other = cls.client.sign_in("other@example.org")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    # --- helpers ---------------------------------------------------------------------------

    def csrf(self, session):
        return self.client.csrf(session, "/partner/")

    def create(self, session, name):
        """Creates a token in the portal; returns (token, response body)."""
        status, headers, body = self.client.post(
            "/partner/tokens", {"csrf": self.csrf(session), "name": name}, session)
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["Cache-Control"], "no-store")
        tokens = TOKEN.findall(body)
        self.assertEqual(len(set(tokens)), 1, body)
        return tokens[0], body

    def token_rows(self, session):
        """{name: (id or None, row text)} of the portal's token table."""
        status, _, body = self.client.get("/partner/", session)
        self.assertEqual(status, 200)
        rows = {}
        for tr in parse_html(body).find_all("tr"):
            cells = tr.find_all("td")
            if len(cells) != 6:
                continue
            form = tr.find("form")
            match = re.search(r"/partner/tokens/(\d+)/revoke", str(form)) if form else None
            rows[cells[0].text.strip()] = (match.group(1) if match else None,
                                           " ".join(tr.text.split()))
        return rows, body

    def cli_tokens(self):
        code, out, err = run_cli(["token", "list"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        return {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}

    def push(self, token, zone="china-news-zone", guid="urn:pt:1"):
        return self.server.request("POST", f"/api/v1/zones/{zone}/articles",
                                   headers={"Content-Type": "application/json",
                                            "Authorization": "Bearer " + token},
                                   body=ninjs(guid, "Pushed with a portal token"))

    def audit_rows(self):
        admin = self.client.sign_in("admin@example.org")
        status, _, body = self.client.get("/admin/audit", admin)
        self.assertEqual(status, 200)
        return [" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")], body

    def revoke(self, session, token_id, csrf_session=None):
        return self.client.post(f"/partner/tokens/{token_id}/revoke",
                                {"csrf": self.csrf(csrf_session or session)}, session)

    # --- tests -----------------------------------------------------------------------------

    def test_a_token_is_shown_once_pushes_to_its_zone_and_stops_when_revoked(self):
        token, body = self.create(self.pdo, "CMS production")
        self.assertIn("will not be shown again", body)
        rows, portal = self.token_rows(self.pdo)
        self.assertNotIn(token, portal)
        token_id, row = rows["CMS production"]
        self.assertIn(token[:12] + "…", row)
        self.assertIn("valid", row)

        self.assertEqual(self.push(token, guid="urn:pt:once-1").status, 201)
        other_zone = self.push(token, zone="other-zone", guid="urn:pt:once-2")
        self.assertEqual(other_zone.status, 403, other_zone.text)

        status, _, _ = self.revoke(self.pdo, token_id)
        self.assertEqual(status, 303)
        rows, _ = self.token_rows(self.pdo)
        self.assertRegex(rows["CMS production"][1], r"revoked \d{4}-\d\d-\d\dT")
        self.assertIsNone(rows["CMS production"][0], "a revoked token has no revoke button")
        refused = self.push(token, guid="urn:pt:once-3")
        self.assertEqual(refused.status, 401, refused.text)
        # Revoking again is harmless and records nothing more.
        status, _, _ = self.revoke(self.pdo, token_id)
        self.assertEqual(status, 303)

        audit, audit_body = self.audit_rows()
        target = f"token:{token_id}"
        creates = [r for r in audit if "token.create" in r and target in r]
        revokes = [r for r in audit if "token.revoke" in r and target in r]
        self.assertEqual(len(creates), 1, audit)
        self.assertEqual(len(revokes), 1, audit)
        self.assertIn("pdo@example.org", creates[0])
        self.assertIn('"name":"CMS production"', creates[0])
        self.assertIn('"revoked":null', revokes[0])
        self.assertRegex(revokes[0], r'"revoked":"\d{4}-')
        self.assertNotIn(token, audit_body)
        self.assertNotIn(token[12:], audit_body)

    def test_another_partner_cannot_revoke_a_token(self):
        token, _ = self.create(self.pdo, "Not theirs")
        token_id = self.token_rows(self.pdo)[0]["Not theirs"][0]
        status, _, _ = self.revoke(self.other, token_id)
        self.assertEqual(status, 404)
        self.assertIn("valid", self.cli_tokens()[token_id])
        self.assertEqual(self.push(token, guid="urn:pt:theirs").status, 201)
        # Nor see it.
        self.assertNotIn("Not theirs", self.token_rows(self.other)[0])

    def test_anonymous_and_staff_are_refused_and_nothing_is_made(self):
        before = self.cli_tokens()
        status, _, _ = self.client.post("/partner/tokens", {"name": "anon"})
        self.assertEqual(status, 401)
        for email in ("editor@example.org", "admin@example.org"):
            session = self.client.sign_in(email)
            status, _, _ = self.client.post(
                "/partner/tokens", {"csrf": self.client.csrf(session), "name": "staff"},
                session)
            self.assertEqual(status, 403, email)
        token, _ = self.create(self.pdo, "Kept")
        token_id = self.token_rows(self.pdo)[0]["Kept"][0]
        status, _, _ = self.client.post(f"/partner/tokens/{token_id}/revoke", {})
        self.assertEqual(status, 401)
        editor = self.client.sign_in("editor@example.org")
        status, _, _ = self.client.post(f"/partner/tokens/{token_id}/revoke",
                                        {"csrf": self.client.csrf(editor)}, editor)
        self.assertEqual(status, 403)
        after = self.cli_tokens()
        self.assertEqual(set(after) - set(before), {token_id})
        self.assertIn("valid", after[token_id])

    def test_a_post_without_the_csrf_token_or_from_another_origin_changes_nothing(self):
        before = self.cli_tokens()
        status, _, _ = self.client.post("/partner/tokens", {"name": "no csrf"}, self.pdo)
        self.assertEqual(status, 403)
        status, _, _ = self.client.post("/partner/tokens",
                                        {"csrf": self.csrf(self.pdo), "name": "evil"},
                                        self.pdo, origin="https://evil.example")
        self.assertEqual(status, 403)
        self.assertEqual(self.cli_tokens(), before)
        token, _ = self.create(self.pdo, "Guarded")
        token_id = self.token_rows(self.pdo)[0]["Guarded"][0]
        status, _, _ = self.client.post(f"/partner/tokens/{token_id}/revoke",
                                        {"csrf": "wrong"}, self.pdo)
        self.assertEqual(status, 403)
        status, _, _ = self.revoke(self.pdo, token_id, csrf_session=self.other)
        self.assertEqual(status, 403, "another session's CSRF token is no good either")
        self.assertIn("valid", self.cli_tokens()[token_id])
        self.assertEqual(self.push(token, guid="urn:pt:guarded").status, 201)

    def test_the_cli_creates_and_revokes_through_the_audited_functions(self):
        code, out, err = run_cli(["token", "create", "--partner", "other-agency", "--name",
                                  "Made on the server"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        token = out.strip()
        self.assertRegex(token, TOKEN)
        token_id = next(i for i, line in self.cli_tokens().items()
                        if "Made on the server" in line)
        self.assertEqual(self.push(token, zone="other-zone", guid="urn:pt:cli").status, 201)
        code, _, err = run_cli(["token", "revoke", token_id], data_dir=self.data)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.push(token, zone="other-zone", guid="urn:pt:cli-2").status, 401)
        audit, audit_body = self.audit_rows()
        target = f"token:{token_id}"
        creates = [r for r in audit if "token.create" in r and target in r]
        revokes = [r for r in audit if "token.revoke" in r and target in r]
        self.assertEqual(len(creates), 1, audit)
        self.assertEqual(len(revokes), 1, audit)
        for row in creates + revokes:
            self.assertRegex(row, r"\bcli\b")
        self.assertIn('"name":"Made on the server"', creates[0])
        self.assertIn('"revoked":null', revokes[0])
        self.assertNotIn(token, audit_body)
        # A name the portal would refuse is refused here too, and nothing is made.
        before = self.cli_tokens()
        code, _, err = run_cli(["token", "create", "--partner", "other-agency", "--name",
                                "x" * 101], data_dir=self.data)
        self.assertEqual(code, 2)
        self.assertIn("at most 100", err)
        self.assertEqual(self.cli_tokens(), before)
        code, _, err = run_cli(["token", "revoke", "999999"], data_dir=self.data)
        self.assertEqual(code, 2, err)

    def test_an_unknown_token_id_is_404(self):
        for token_id in ("999999", "abc", "0"):
            status, _, _ = self.revoke(self.pdo, token_id)
            self.assertEqual(status, 404, token_id)


if __name__ == "__main__":
    unittest.main()
