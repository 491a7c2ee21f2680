"""Accounts, sign-in and roles (issue 8): the admin at /admin/ and the partner portal at
/partner/, driven over HTTP as a browser would (forms, cookies) against the real server.

Users are made with `newszone user add`. The demo site has the partner People's Daily Online
with its zone china-news-zone; setUpClass adds "Other Agency" with its own zone, so that a
partner of another zone can be tried. Who sees what:

- anonymous: GETs of /admin/* and /partner/ lead to /admin/login (303); POSTs are 401.
- partner users: /partner/ with their own partner's zones only; every /admin/ page is 403.
- editors: /admin/ (the dashboard); /admin/users and /admin/audit are admins' (403);
  /partner/ is for partner accounts (403).
- admins: everything under /admin/; /partner/ is 403 for them too.

The time windows (lockout, session end) come from NEWSZONE_ADMIN_* settings made short for
these tests, so the few waits here are of two or three seconds.
"""

import http.client
import os
import re
import secrets
import tempfile
import time
import unittest
import urllib.parse

from nzserver import NzServer, parse_html, run_cli

PASSWORDS = {
    "admin@example.org": "admin password one",
    "editor@example.org": "editor password two",
    "pdo@example.org": "partner password three",
    "other@example.org": "other partner password",
    "late@example.org": "late editor password",
}
ROLES = {
    "admin@example.org": ("admin", None),
    "editor@example.org": ("editor", None),
    "pdo@example.org": ("partner", "peoples-daily-online"),
    "other@example.org": ("partner", "other-agency"),
    "late@example.org": ("editor", None),
}


def make_site(data):
    """The demo site, a second partner with a zone, and the users above."""
    with NzServer(data_dir=data, demo=True):
        pass
    for args in (["partner", "add", "--name", "Other Agency"],
                 ["zone", "add", "--slug", "other-zone", "--title", "Other Zone",
                  "--partner", "other-agency"]):
        code, _, err = run_cli(args, data_dir=data)
        assert code == 0, err
    for email, (role, partner) in ROLES.items():
        add_user(data, email, role, partner)


def add_user(data, email, role, partner=None, password=None):
    args = ["user", "add", "--email", email, "--role", role, "--password-stdin"]
    if partner:
        args += ["--partner", partner]
    code, out, err = run_cli(args, data_dir=data, input=(password or PASSWORDS[email]) + "\n")
    assert code == 0, err
    return out


class Client:
    """Requests from one loopback address, with cookies sent as a browser would."""

    def __init__(self, server, source="127.0.0.1"):
        self.server = server
        self.source = source

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=20,
                                          source_address=(self.source, 0))
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.headers, resp.read().decode("utf-8")
        finally:
            conn.close()

    def get(self, path, session=None):
        headers = {"Cookie": f"nz_session={session}"} if session else {}
        return self.request("GET", path, headers)

    def post(self, path, fields, session=None, origin=None, cookies=None):
        cookie = dict(cookies or {})
        if session:
            cookie["nz_session"] = session
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookie.items())
        if origin:
            headers["Origin"] = origin
        return self.request("POST", path, headers, urllib.parse.urlencode(fields))

    def login(self, email, password=None, session=None):
        """The sign-in form filled in; returns (status, headers, body)."""
        status, headers, body = self.get("/admin/login")
        assert status in (200, 303), status
        token = set_cookies(headers).get("nz_login")
        form_token = hidden_csrf(body)
        assert token and token == form_token, (token, form_token)
        return self.post("/admin/login",
                         {"csrf": form_token, "email": email,
                          "password": PASSWORDS.get(email) if password is None else password},
                         session=session, cookies={"nz_login": token})

    def sign_in(self, email):
        """Signs in and returns the session cookie's value."""
        status, headers, body = self.login(email)
        assert status == 303, (status, body[:500])
        return set_cookies(headers)["nz_session"]

    def csrf(self, session, path="/admin/"):
        status, _, body = self.get(path, session)
        assert status == 200, status
        return hidden_csrf(body)


def set_cookie_lines(headers):
    return headers.get_all("Set-Cookie") or []


def set_cookies(headers):
    out = {}
    for line in set_cookie_lines(headers):
        name, _, rest = line.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def hidden_csrf(body):
    match = re.search(r'<input type="hidden" name="csrf" value="([^"]+)">', body)
    return match.group(1) if match else None


def user_emails(data):
    code, out, err = run_cli(["user", "list"], data_dir=data)
    assert code == 0, err
    return [line.split()[1] for line in out.splitlines()[1:] if line.strip()]


class AdminAuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-admin-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.server = NzServer(data_dir=cls.data).start()
        cls.client = Client(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    # --- accounts from the command line ----------------------------------------------------

    def test_cli_refuses_a_short_password_and_adds_nobody(self):
        code, _, err = run_cli(["user", "add", "--email", "weak@example.org", "--role", "editor",
                                "--password-stdin"], data_dir=self.data, input="short pw\n")
        self.assertEqual(code, 2)
        self.assertIn("at least 12", err)
        self.assertNotIn("weak@example.org", user_emails(self.data))

    def test_cli_refuses_a_second_user_with_the_same_email_in_other_letters(self):
        code, _, err = run_cli(["user", "add", "--email", "ADMIN@example.org", "--role",
                                "editor", "--password-stdin"], data_dir=self.data,
                               input="a long enough password\n")
        self.assertEqual(code, 2, err)
        self.assertEqual(user_emails(self.data).count("admin@example.org"), 1)

    def test_cli_lists_users_with_roles_and_partners(self):
        code, out, err = run_cli(["user", "list"], data_dir=self.data)
        self.assertEqual(code, 0, err)
        rows = {line.split()[1]: line.split() for line in out.splitlines()[1:]}
        self.assertEqual(rows["admin@example.org"][2:4], ["admin", "-"])
        self.assertEqual(rows["pdo@example.org"][2:4], ["partner", "peoples-daily-online"])
        self.assertNotIn("argon2", out)

    def test_each_user_added_by_the_cli_is_in_the_audit_log(self):
        session = self.client.sign_in("admin@example.org")
        status, headers, body = self.client.get("/admin/audit", session)
        self.assertEqual(status, 200)
        doc = parse_html(body)
        rows = [" ".join(tr.text.split()) for tr in doc.find_all("tr")]
        for email in ROLES:
            self.assertTrue(any("user.add" in r and f'"email":"{email}"' in r and "cli" in r
                                for r in rows), (email, rows))
        self.assertNotIn("argon2", body)

    # --- signing in ------------------------------------------------------------------------

    def test_login_sets_a_strict_httponly_secure_session_cookie(self):
        status, headers, _ = self.client.login("editor@example.org")
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/admin/")
        line = next(l for l in set_cookie_lines(headers) if l.startswith("nz_session="))
        attributes = [a.strip() for a in line.split(";")]
        self.assertRegex(attributes[0], r"^nz_session=[A-Za-z0-9_-]{43}$")
        for attribute in ("HttpOnly", "SameSite=Strict", "Secure", "Path=/"):
            self.assertIn(attribute, attributes)
        self.assertEqual(headers["Cache-Control"], "no-store")

    def test_the_dashboard_answers_the_session_and_is_never_cached(self):
        session = self.client.sign_in("editor@example.org")
        for _ in range(2):
            status, headers, body = self.client.get("/admin/", session)
            self.assertEqual(status, 200)
            self.assertEqual(headers["Cache-Control"], "no-store")
            self.assertNotEqual(headers.get("X-Cache"), "hit")
        doc = parse_html(body)
        self.assertEqual(doc.find("h1").text.strip(), "Dashboard")
        self.assertIn("editor@example.org", doc.find(cls="admin-who").text)
        self.assertIn("China News Zone", body)  # today's deliveries, one row per zone
        self.assertIn('<meta name="robots" content="noindex">', body)

    def test_a_partner_lands_on_the_portal(self):
        status, headers, _ = self.client.login("pdo@example.org")
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/partner/")

    def test_a_wrong_password_or_unknown_email_is_refused_alike(self):
        answers = []
        for email, password in (("editor@example.org", "not the password at all"),
                                ("nobody@example.org", "not the password at all")):
            status, headers, body = self.client.login(email, password)
            self.assertEqual(status, 401)
            self.assertNotIn("nz_session", set_cookies(headers))
            answers.append(parse_html(body).find(cls="form-message").text)
        self.assertEqual(answers[0], answers[1])
        self.assertIn("not right", answers[0])

    def test_a_login_without_the_forms_token_is_refused(self):
        status, headers, _ = self.client.post(
            "/admin/login", {"email": "editor@example.org",
                             "password": PASSWORDS["editor@example.org"]})
        self.assertEqual(status, 403)
        self.assertNotIn("nz_session", set_cookies(headers))

    def test_a_login_from_another_origin_is_refused(self):
        status, headers, body = self.client.get("/admin/login")
        token = set_cookies(headers)["nz_login"]
        status, headers, _ = self.client.post(
            "/admin/login", {"csrf": token, "email": "editor@example.org",
                             "password": PASSWORDS["editor@example.org"]},
            cookies={"nz_login": token}, origin="https://evil.example")
        self.assertEqual(status, 403)
        self.assertNotIn("nz_session", set_cookies(headers))

    def test_every_login_makes_a_new_session_id(self):
        # Session fixation: a cookie the browser already holds (one planted by an attacker,
        # or the user's own earlier session) is never the signed-in session.
        planted = secrets.token_urlsafe(32)[:43]
        status, headers, _ = self.client.login("editor@example.org", session=planted)
        self.assertEqual(status, 303)
        first = set_cookies(headers)["nz_session"]
        self.assertNotEqual(first, planted)
        self.assertEqual(self.client.get("/admin/", planted)[0], 303)
        status, headers, _ = self.client.login("editor@example.org", session=first)
        second = set_cookies(headers)["nz_session"]
        self.assertNotEqual(second, first)
        self.assertEqual(self.client.get("/admin/", first)[0], 303)  # the old one is gone
        self.assertEqual(self.client.get("/admin/", second)[0], 200)

    def test_logout_ends_the_session_on_the_server(self):
        session = self.client.sign_in("editor@example.org")
        csrf = self.client.csrf(session)
        status, headers, _ = self.client.post("/admin/logout", {"csrf": csrf}, session)
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/admin/login")
        self.assertIn("Max-Age=0", next(l for l in set_cookie_lines(headers)
                                        if l.startswith("nz_session=")))
        # The browser may keep the cookie; the server does not accept it any more.
        status, headers, _ = self.client.get("/admin/", session)
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "/admin/login")

    def test_logout_without_the_csrf_token_changes_nothing(self):
        session = self.client.sign_in("editor@example.org")
        for fields in ({}, {"csrf": "wrong-token"}):
            status, _, _ = self.client.post("/admin/logout", fields, session)
            self.assertEqual(status, 403)
            self.assertEqual(self.client.get("/admin/", session)[0], 200)

    # --- who may see what ------------------------------------------------------------------

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        for path in ("/admin/", "/admin/users", "/admin/audit", "/partner/", "/admin/nothing"):
            status, headers, _ = self.client.get(path)
            self.assertEqual(status, 303, path)
            self.assertEqual(headers["Location"], "/admin/login", path)
            self.assertEqual(headers["Cache-Control"], "no-store", path)
        # A made-up cookie is no session either.
        self.assertEqual(self.client.get("/admin/", secrets.token_urlsafe(32)[:43])[0], 303)

    def test_anonymous_changes_are_refused_and_nothing_changes(self):
        before = user_emails(self.data)
        status, _, _ = self.client.post("/admin/users", {
            "email": "anon@example.org", "role": "admin", "password": "a long enough password"})
        self.assertEqual(status, 401)
        status, _, _ = self.client.post("/admin/users/2/disable", {})
        self.assertEqual(status, 401)
        self.assertEqual(user_emails(self.data), before)

    def test_a_partner_is_refused_every_admin_page_and_action(self):
        session = self.client.sign_in("pdo@example.org")
        for path in ("/admin/", "/admin/users", "/admin/audit"):
            status, _, body = self.client.get(path, session)
            self.assertEqual(status, 403, path)
            self.assertIn("partner portal", body)
        csrf = self.client.csrf(session, "/partner/")
        before = user_emails(self.data)
        status, _, _ = self.client.post("/admin/users", {
            "csrf": csrf, "email": "sneaky@example.org", "role": "admin",
            "password": "a long enough password"}, session)
        self.assertEqual(status, 403)
        status, _, _ = self.client.post("/admin/users/2/disable", {"csrf": csrf}, session)
        self.assertEqual(status, 403)
        self.assertEqual(user_emails(self.data), before)
        self.assertIn("active", run_cli(["user", "list"], data_dir=self.data)[1].splitlines()[2])

    def test_an_editor_cannot_manage_users_or_open_the_portal(self):
        session = self.client.sign_in("editor@example.org")
        for path in ("/admin/users", "/admin/audit", "/partner/"):
            self.assertEqual(self.client.get(path, session)[0], 403, path)
        csrf = self.client.csrf(session)
        before = user_emails(self.data)
        status, _, _ = self.client.post("/admin/users", {
            "csrf": csrf, "email": "raise@example.org", "role": "admin",
            "password": "a long enough password"}, session)
        self.assertEqual(status, 403)
        self.assertEqual(user_emails(self.data), before)

    def test_a_partner_sees_only_its_own_zones(self):
        for email, mine, theirs in (("pdo@example.org", "China News Zone", "Other Zone"),
                                    ("other@example.org", "Other Zone", "China News Zone")):
            session = self.client.sign_in(email)
            status, headers, body = self.client.get("/partner/", session)
            self.assertEqual(status, 200)
            self.assertEqual(headers["Cache-Control"], "no-store")
            doc = parse_html(body)
            zones = [z.find("h2").text.strip() for z in doc.find_all(cls="partner-zone")]
            self.assertEqual(zones, [mine], email)
            self.assertNotIn(theirs, " ".join(h.text for h in doc.find_all("h2")))

    # --- changes by admins, CSRF, audit ----------------------------------------------------

    def test_an_admin_adds_a_user_who_can_then_sign_in_and_it_is_audited(self):
        session = self.client.sign_in("admin@example.org")
        csrf = self.client.csrf(session, "/admin/users")
        status, headers, body = self.client.post("/admin/users", {
            "csrf": csrf, "email": "new.editor@example.org", "role": "editor",
            "partner": "", "password": "a brand new password"}, session)
        self.assertEqual(status, 303, body[:500])
        self.assertIn("new.editor@example.org", user_emails(self.data))
        status, _, _ = self.client.login("new.editor@example.org", "a brand new password")
        self.assertEqual(status, 303)
        status, _, body = self.client.get("/admin/audit", session)
        row = next(" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")
                   if "new.editor@example.org" in tr.text)
        self.assertIn("user.add", row)
        self.assertIn("admin@example.org", row)  # who
        self.assertIn('"role":"editor"', row)  # after

    def test_an_admin_form_with_a_weak_password_says_why_and_adds_nobody(self):
        session = self.client.sign_in("admin@example.org")
        csrf = self.client.csrf(session, "/admin/users")
        status, _, body = self.client.post("/admin/users", {
            "csrf": csrf, "email": "weak.web@example.org", "role": "editor",
            "password": "too short"}, session)
        self.assertEqual(status, 422)
        self.assertIn("at least 12", parse_html(body).find(cls="form-message").text)
        self.assertNotIn("weak.web@example.org", user_emails(self.data))

    def test_changes_without_a_valid_csrf_token_or_from_elsewhere_change_nothing(self):
        session = self.client.sign_in("admin@example.org")
        csrf = self.client.csrf(session, "/admin/users")
        fields = {"email": "csrf@example.org", "role": "admin",
                  "password": "a long enough password"}
        for extra, origin in (({}, None), ({"csrf": "forged"}, None),
                              ({"csrf": csrf}, "https://evil.example")):
            status, _, _ = self.client.post("/admin/users", {**fields, **extra}, session,
                                            origin=origin)
            self.assertEqual(status, 403, (extra, origin))
        self.assertNotIn("csrf@example.org", user_emails(self.data))
        # The same form with the token, from this site, goes through.
        status, _, _ = self.client.post(
            "/admin/users", {**fields, "csrf": csrf},
            session, origin=f"http://{self.server.host}:{self.server.port}")
        self.assertEqual(status, 303)
        self.assertIn("csrf@example.org", user_emails(self.data))

    def test_disabling_a_user_ends_their_session_and_is_audited(self):
        late = self.client.sign_in("late@example.org")
        self.assertEqual(self.client.get("/admin/", late)[0], 200)
        admin = self.client.sign_in("admin@example.org")
        csrf = self.client.csrf(admin, "/admin/users")
        code, out, _ = run_cli(["user", "list"], data_dir=self.data)
        late_id = next(l.split()[0] for l in out.splitlines() if "late@example.org" in l)
        status, _, _ = self.client.post(f"/admin/users/{late_id}/disable", {"csrf": csrf}, admin)
        self.assertEqual(status, 303)
        self.assertEqual(self.client.get("/admin/", late)[0], 303)
        self.assertEqual(self.client.login("late@example.org")[0], 401)
        _, _, body = self.client.get("/admin/audit", admin)
        row = next(" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")
                   if "user.disable" in tr.text)
        self.assertIn('"disabled":false', row)
        self.assertIn('"disabled":true', row)
        status, _, _ = self.client.post(f"/admin/users/{late_id}/enable", {"csrf": csrf}, admin)
        self.assertEqual(status, 303)
        self.assertEqual(self.client.login("late@example.org")[0], 303)


class SessionEndTest(unittest.TestCase):
    """Sessions end on the server after session_max, whatever the browser keeps."""

    def test_an_expired_session_is_refused(self):
        with tempfile.TemporaryDirectory(prefix="nz-admin-") as tmp:
            data = os.path.join(tmp, "data")
            with NzServer(data_dir=data, demo=True):
                pass
            add_user(data, "editor@example.org", "editor")
            with NzServer(data_dir=data,
                          env={"NEWSZONE_ADMIN_SESSION_MAX_SECONDS": "2"}) as server:
                client = Client(server)
                session = client.sign_in("editor@example.org")
                self.assertEqual(client.get("/admin/", session)[0], 200)
                time.sleep(2.5)
                status, headers, _ = client.get("/admin/", session)
                self.assertEqual(status, 303)
                self.assertEqual(headers["Location"], "/admin/login")


class LoginLimitTest(unittest.TestCase):
    """Failed sign-ins lock an account for at most the window, never from where its user
    signs in; an address with too many failures waits. Loopback has many addresses, so the
    user and the guesser come from different ones."""

    WINDOW = 3

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-admin-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        add_user(cls.data, "editor@example.org", "editor")
        add_user(cls.data, "late@example.org", "editor")
        cls.server = NzServer(data_dir=cls.data, env={
            "NEWSZONE_ADMIN_LOGIN_WINDOW_SECONDS": str(cls.WINDOW),
            "NEWSZONE_ADMIN_LOGIN_ACCOUNT_FAILURES": "3",
            "NEWSZONE_ADMIN_LOGIN_ADDRESS_FAILURES": "8",
            "NEWSZONE_ADMIN_SECURE_COOKIES": "false"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    def test_the_secure_attribute_can_be_switched_off_for_plain_http(self):
        status, headers, _ = Client(self.server, "127.0.0.9").login("editor@example.org")
        self.assertEqual(status, 303)
        line = next(l for l in set_cookie_lines(headers) if l.startswith("nz_session="))
        self.assertNotIn("Secure", line)
        self.assertIn("HttpOnly", line)

    def test_an_account_is_locked_for_the_window_but_not_where_its_user_signs_in(self):
        editor = Client(self.server, "127.0.0.2")
        guesser = Client(self.server, "127.0.0.3")
        self.assertEqual(editor.login("late@example.org")[0], 303)  # a known address
        for _ in range(3):
            self.assertEqual(guesser.login("late@example.org", "wrong password guess")[0], 401)
        status, headers, body = guesser.login("late@example.org")  # even the right password
        self.assertEqual(status, 429)
        self.assertNotIn("nz_session", set_cookies(headers))
        self.assertLessEqual(int(headers["Retry-After"]), self.WINDOW)
        locked_message = parse_html(body).find(cls="form-message").text
        # An account that does not exist locks the same way: the answer tells nothing.
        for _ in range(3):
            self.assertEqual(guesser.login("ghost@example.org", "wrong password guess")[0], 401)
        status, _, body = guesser.login("ghost@example.org", "wrong password guess")
        self.assertEqual(status, 429)
        self.assertEqual(parse_html(body).find(cls="form-message").text, locked_message)
        # The editor, at their usual address, is not locked out.
        self.assertEqual(editor.login("late@example.org")[0], 303)
        # After the window the account opens everywhere again.
        time.sleep(self.WINDOW + 0.5)
        self.assertEqual(guesser.login("late@example.org")[0], 303)

    def test_an_address_with_many_failures_waits(self):
        guesser = Client(self.server, "127.0.0.5")
        for i in range(8):
            status, _, _ = guesser.login(f"user{i}@example.org", "wrong password guess")
            self.assertEqual(status, 401)
        status, headers, body = guesser.login("editor@example.org")
        self.assertEqual(status, 429)
        self.assertIn("from your network", body)
        self.assertIn("Retry-After", headers)
        # Another address is not affected.
        self.assertEqual(Client(self.server, "127.0.0.6").login("editor@example.org")[0], 303)


if __name__ == "__main__":
    unittest.main()
