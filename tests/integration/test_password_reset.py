"""Password reset links (issue 8): an admin makes a one-time link on /admin/users (or
`newszone user reset-link` prints one), the user opens /admin/reset?token=... and sets a new
password. Driven as a browser would against the real server.

A link works once, for an hour (here: NEWSZONE_ADMIN_RESET_LINK_SECONDS), for its user only
while enabled, and only while it is the user's newest. Using it ends every session of the
user and forgets their failed sign-ins. Every misuse is refused with a plain message and
changes nothing; the token is kept only as a hash, and never reaches a log or the audit log.
"""

import glob
import os
import re
import secrets
import tempfile
import time
import unittest
import urllib.parse

from nzserver import NzServer, parse_html, run_cli
from test_admin_auth import Client, add_user, hidden_csrf, make_site, set_cookies

LINK = re.compile(r"(https?://[^\s<\"]+)?/admin/reset\?token=([A-Za-z0-9_-]+)")
NEW_PASSWORD = "a fresh new password"


def user_id(data, email):
    code, out, err = run_cli(["user", "list"], data_dir=data)
    assert code == 0, err
    return next(line.split()[0] for line in out.splitlines() if f" {email} " in line)


class ResetFlow:
    """What the tests below share: making users and links, and using a link."""

    counter = 0

    def new_user(self, role="editor", partner=None):
        ResetFlow.counter += 1
        email = f"reset{ResetFlow.counter}@example.org"
        password = f"old password number {ResetFlow.counter}"
        add_user(self.data, email, role, partner, password=password)
        return email, password

    def cli_link(self, email):
        code, out, err = run_cli(["user", "reset-link", "--email", email], data_dir=self.data)
        self.assertEqual(code, 0, err)
        match = LINK.fullmatch(out.strip())
        self.assertIsNotNone(match, out)
        return match.group(2)

    def admin_link(self, email):
        admin = self.client.sign_in("admin@example.org")
        csrf = self.client.csrf(admin, "/admin/users")
        status, headers, body = self.client.post(
            f"/admin/users/{user_id(self.data, email)}/reset-link", {"csrf": csrf}, admin)
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        tokens = {m.group(2) for m in LINK.finditer(body)}
        self.assertEqual(len(tokens), 1, body)
        return tokens.pop(), body

    def open_form(self, token):
        """GET /admin/reset?token=...: (status, headers, body, form cookie)."""
        status, headers, body = self.client.get("/admin/reset?token=" + urllib.parse.quote(token))
        return status, headers, body, set_cookies(headers).get("nz_reset")

    def submit(self, token, password=NEW_PASSWORD, confirm=None, cookie="from-form",
               csrf="from-form", origin=None):
        """Opens the form (when it opens) and sends it; returns (status, headers, body)."""
        status, _, body, form_cookie = self.open_form(token)
        form_csrf = hidden_csrf(body) if status == 200 else secrets.token_urlsafe(32)
        if status != 200:
            form_cookie = form_csrf
        cookies = {"nz_reset": form_cookie if cookie == "from-form" else cookie}
        if cookie is None:
            cookies = {}
        fields = {"token": token, "password": password,
                  "confirm": password if confirm is None else confirm}
        if csrf is not None:
            fields["csrf"] = form_csrf if csrf == "from-form" else csrf
        return self.client.post("/admin/reset", fields, cookies=cookies, origin=origin)

    def sign_in(self, email, password, source="127.0.0.1"):
        status, headers, body = Client(self.server, source).login(email, password)
        self.assertEqual(status, 303, body[:300])
        return set_cookies(headers)["nz_session"]

    def can_sign_in(self, email, password, source="127.0.0.1"):
        return Client(self.server, source).login(email, password)[0] == 303

    def message(self, body):
        doc = parse_html(body)
        node = doc.find(cls="form-message") or doc.find("main") or doc
        return " ".join(node.text.split())

    def audit_rows(self):
        admin = self.client.sign_in("admin@example.org")
        status, _, body = self.client.get("/admin/audit", admin)
        self.assertEqual(status, 200)
        return [" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")], body

    def assert_refused(self, token, status, words, email, password):
        """The link is refused on the form and on submit, and the password stays."""
        got, headers, body, _ = self.open_form(token)
        self.assertEqual(got, status, body[:500])
        self.assertIn(words, body)
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        self.assertIsNone(parse_html(body).find("form", action="/admin/reset"))
        got, _, body = self.submit(token)
        self.assertEqual(got, status, body[:500])
        self.assertIn(words, body)
        # The old password still works, so none was set.
        self.assertTrue(self.can_sign_in(email, password))


class PasswordResetTest(ResetFlow, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-reset-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.server = NzServer(data_dir=cls.data).start()
        cls.client = Client(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    # --- the happy path --------------------------------------------------------------------

    def test_a_link_sets_the_password_ends_sessions_and_unlocks_and_is_audited(self):
        email, old = self.new_user()
        laptop = self.sign_in(email, old)
        phone = self.sign_in(email, old, "127.0.0.2")
        self.assertEqual(self.client.get("/admin/", laptop)[0], 200)
        # Somebody guessing elsewhere has locked the account.
        guesser = Client(self.server, "127.0.0.3")
        for _ in range(5):
            self.assertEqual(guesser.login(email, "a wrong guess again")[0], 401)
        self.assertEqual(Client(self.server, "127.0.0.4").login(email, old)[0], 429)

        token, link_page = self.admin_link(email)
        self.assertIn(email, link_page)
        self.assertIn("will not be shown again", link_page)
        status, headers, body, cookie = self.open_form(token)
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        self.assertIn(email, body)
        self.assertIsNotNone(cookie)
        self.assertEqual(hidden_csrf(body), cookie)
        cookie_line = next(l for l in headers.get_all("Set-Cookie") if l.startswith("nz_reset="))
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/admin/reset"):
            self.assertIn(attribute, cookie_line)

        status, headers, body = self.submit(token)
        self.assertEqual(status, 200, body[:500])
        self.assertIn("Password changed", body)
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        # Every old session has ended; the old password is gone, the new one works, and the
        # lock is forgotten (from an address the user never signed in from).
        for session in (laptop, phone):
            status, headers, _ = self.client.get("/admin/", session)
            self.assertEqual(status, 303)
            self.assertEqual(headers["Location"], "/admin/login")
        self.assertFalse(self.can_sign_in(email, old, "127.0.0.5"))
        self.assertTrue(self.can_sign_in(email, NEW_PASSWORD, "127.0.0.6"))

        rows, audit_body = self.audit_rows()
        target = f"user:{user_id(self.data, email)}"
        made = [r for r in rows if "user.reset_link" in r and target in r]
        used = [r for r in rows if "user.password_reset" in r and target in r]
        self.assertEqual(len(made), 1, rows)
        self.assertEqual(len(used), 1, rows)
        self.assertIn("admin@example.org", made[0])
        self.assertIn(email, used[0])
        self.assertIn('"sessions_ended":2', used[0])
        self.assertNotIn(token, audit_body)
        self.assertNotIn("argon2", audit_body)
        self.assertNotIn(token, self.server.stderr)
        # Only a hash is stored: the token's text is nowhere in the database's files.
        for path in glob.glob(os.path.join(self.data, "*")):
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.assertNotIn(token.encode(), f.read(), path)

    def test_the_cli_prints_a_link_that_works_and_is_audited_as_cli(self):
        email, _ = self.new_user("admin")
        token = self.cli_link(email)
        self.assertEqual(self.submit(token)[0], 200)
        self.assertTrue(self.can_sign_in(email, NEW_PASSWORD))
        rows, _ = self.audit_rows()
        target = f"user:{user_id(self.data, email)}"
        self.assertTrue(any("user.reset_link" in r and target in r and "cli" in r
                            for r in rows), rows)
        code, _, err = run_cli(["user", "reset-link", "--email", "nobody@example.org"],
                               data_dir=self.data)
        self.assertEqual(code, 2)
        self.assertIn("no user", err)

    # --- misuse ----------------------------------------------------------------------------

    def test_a_used_link_is_refused(self):
        email, _ = self.new_user()
        token = self.cli_link(email)
        self.assertEqual(self.submit(token)[0], 200)
        status, _, body, _ = self.open_form(token)
        self.assertEqual(status, 410)
        self.assertIn("used already", body)
        status, _, body = self.submit(token, password="yet another password")
        self.assertEqual(status, 410)
        self.assertFalse(self.can_sign_in(email, "yet another password"))
        self.assertTrue(self.can_sign_in(email, NEW_PASSWORD))

    def test_an_unknown_link_is_refused(self):
        email, old = self.new_user()
        self.cli_link(email)
        self.assert_refused(secrets.token_urlsafe(32), 404, "not one this site made", email, old)

    def test_a_malformed_link_is_refused(self):
        email, old = self.new_user()
        token = self.cli_link(email)
        for bad in (token[:-1], token + "x", token[:20] + "!" + token[21:], ""):
            self.assert_refused(bad, 400, "not complete", email, old)
        status, _, body = self.client.get("/admin/reset")
        self.assertEqual(status, 400)
        # The real link still works: the refusals changed nothing.
        self.assertEqual(self.open_form(token)[0], 200)

    def test_a_newer_link_makes_the_older_one_invalid(self):
        email, old = self.new_user()
        first = self.cli_link(email)
        second, _ = self.admin_link(email)
        self.assert_refused(first, 410, "newer link", email, old)
        self.assertEqual(self.submit(second)[0], 200)
        self.assertTrue(self.can_sign_in(email, NEW_PASSWORD))

    def test_a_link_for_a_disabled_user_is_refused(self):
        email, old = self.new_user()
        token = self.cli_link(email)
        uid = user_id(self.data, email)
        code, _, err = run_cli(["user", "disable", uid], data_dir=self.data)
        self.assertEqual(code, 0, err)
        status, _, body, _ = self.open_form(token)
        self.assertEqual(status, 410)
        self.assertIn("disabled", body)
        self.assertEqual(self.submit(token)[0], 410)
        # Nor does an admin get a new link for a disabled account.
        admin = self.client.sign_in("admin@example.org")
        status, _, body = self.client.post(f"/admin/users/{uid}/reset-link",
                                           {"csrf": self.client.csrf(admin, "/admin/users")},
                                           admin)
        self.assertEqual(status, 409)
        self.assertIn("enable the account", body)
        code, _, err = run_cli(["user", "enable", uid], data_dir=self.data)
        self.assertEqual(code, 0, err)
        self.assertFalse(self.can_sign_in(email, NEW_PASSWORD))
        self.assertTrue(self.can_sign_in(email, old))

    def test_the_form_needs_its_own_csrf_token_and_this_sites_origin(self):
        email, old = self.new_user()
        session = self.sign_in(email, old)
        token = self.cli_link(email)
        for kwargs in ({"cookie": None}, {"csrf": None}, {"csrf": "forged-token"},
                       {"cookie": "another-cookie"}):
            status, _, body = self.submit(token, **kwargs)
            self.assertEqual(status, 403, kwargs)
            self.assertIn("nothing was changed", body)
        status, _, body = self.submit(token, origin="https://evil.example")
        self.assertEqual(status, 403)
        self.assertFalse(self.can_sign_in(email, NEW_PASSWORD))
        self.assertTrue(self.can_sign_in(email, old))
        self.assertEqual(self.client.get("/admin/", session)[0], 200, "sessions kept")
        self.assertEqual(self.submit(token)[0], 200, "the link was not spent")

    def test_a_weak_or_mistyped_password_keeps_the_link(self):
        email, old = self.new_user()
        token = self.cli_link(email)
        status, _, body = self.submit(token, password="too short")
        self.assertEqual(status, 422)
        self.assertIn("at least 12", self.message(body))
        self.assertIsNotNone(parse_html(body).find("form", action="/admin/reset"))
        status, _, body = self.submit(token, confirm="not the same password")
        self.assertEqual(status, 422)
        self.assertIn("differ", self.message(body))
        status, _, body = self.submit(token, password=email)
        self.assertEqual(status, 422)
        self.assertTrue(self.can_sign_in(email, old))
        self.assertEqual(self.submit(token)[0], 200)

    # --- who may make a link ---------------------------------------------------------------

    def test_only_an_admin_with_the_forms_token_makes_a_link(self):
        email, old = self.new_user()
        token = self.cli_link(email)
        uid = user_id(self.data, email)
        path = f"/admin/users/{uid}/reset-link"
        self.assertEqual(self.client.post(path, {})[0], 401)
        for who in ("editor@example.org", "pdo@example.org"):
            session = self.client.sign_in(who)
            landing = "/partner/" if who.startswith("pdo") else "/admin/"
            csrf = self.client.csrf(session, landing)
            status, _, _ = self.client.post(path, {"csrf": csrf}, session)
            self.assertEqual(status, 403, who)
        admin = self.client.sign_in("admin@example.org")
        self.assertEqual(self.client.post(path, {}, admin)[0], 403)
        self.assertEqual(self.client.post(path, {"csrf": "forged"}, admin)[0], 403)
        self.assertEqual(self.client.post(
            path, {"csrf": self.client.csrf(admin, "/admin/users")}, admin,
            origin="https://evil.example")[0], 403)
        for bad in ("999999", "abc", "0"):
            status, _, _ = self.client.post(f"/admin/users/{bad}/reset-link",
                                            {"csrf": self.client.csrf(admin, "/admin/users")},
                                            admin)
            self.assertEqual(status, 404, bad)
        # None of those made a link: a new one would have ended this one.
        self.assertEqual(self.open_form(token)[0], 200)
        self.assertTrue(self.can_sign_in(email, old))

    def test_the_users_page_offers_a_reset_link_for_enabled_users(self):
        admin = self.client.sign_in("admin@example.org")
        status, _, body = self.client.get("/admin/users", admin)
        self.assertEqual(status, 200)
        uid = user_id(self.data, "editor@example.org")
        self.assertIsNotNone(parse_html(body).find("form",
                                                   action=f"/admin/users/{uid}/reset-link"))


class ResetLinkExpiryTest(ResetFlow, unittest.TestCase):
    """A link stops working when its time is up (made 1 s long here)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-reset-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        env = {"NEWSZONE_ADMIN_RESET_LINK_SECONDS": "1"}
        cls.server = NzServer(data_dir=cls.data, env=env).start()
        cls.client = Client(cls.server)
        cls.env = env

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    def test_an_expired_link_is_refused(self):
        email, old = self.new_user()
        code, out, err = run_cli(["user", "reset-link", "--email", email], data_dir=self.data,
                                 env=self.env)
        self.assertEqual(code, 0, err)
        token = LINK.fullmatch(out.strip()).group(2)
        time.sleep(1.5)
        self.assert_refused(token, 410, "expired", email, old)


if __name__ == "__main__":
    unittest.main()
