"""Every admin, portal and API route, tried by everybody who must be refused (issue 8).

The route list is read from the source (every `router.get/post/...(...)` in src/**/*.cpp
outside tests), so a route added later is in the matrix without anybody adding it here; a
registration the parser cannot read fails the test rather than dropping out of it. Each
{placeholder} is filled with a real id of the site built below, a partner's route with an id
of the OTHER partner's things.

The site: the demo site (People's Daily Online, zone china-news-zone, user pdo@example.org)
plus Other Agency (zone other-zone, user other@example.org), an admin and an editor. Each
partner gets a valid and a revoked API token, two articles pushed into its zone (held for
review) and a paused source; the host's own section "news" belongs to no partner.

Who must be refused what:
- /admin/* (but /admin/login, /admin/logout, /admin/reset, which have their own rules):
  anonymous GET 303 to /admin/login, anonymous POST 401, a partner 403 (a page that does not
  exist: 404), an editor 403 on the admins' pages (users, audit, reset links).
- /partner/*: anonymous as above; editors and admins 403 (404 for a page that does not
  exist); a partner with the other partner's or the host's ids 404 (or 403), and a page
  without ids (also asked for the other's zone) shows none of the other partner's things.
- every POST of a signed-in user who may use it, but without the CSRF token, with a wrong one
  or from another origin: 403.
- /api/* (but the OpenAPI document and the readers' search): no, malformed, unknown or
  revoked token 401; a partner's token on the other partner's or the host's zone or
  articles 404 (or 403); a call that is not in PARTNER_API is the editors': a partner's
  token is refused it (403 or 404) even on its own things.
Nothing any refused request could change has changed afterwards (the database, read only);
the positive controls show that the same requests from the right person work and are audited.
"""

import itertools
import json
import os
import re
import sqlite3
import tempfile
import unittest
import urllib.parse

from nzserver import NzServer, parse_html, run_cli, source_dir
from test_admin_auth import Client, hidden_csrf, make_site

# --- reading the routes from the source ----------------------------------------------------

ROUTE_METHODS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH",
                 "delete": "DELETE", "head": "HEAD"}
# Calls on a router that register nothing (or nothing with a method and a pattern).
NOT_ROUTES = {"dispatch"}


class RouteSourceError(AssertionError):
    pass


def strip_comments(text):
    """`text` with // and /* */ comments blanked (newlines kept), string literals intact."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(text, start):
    """The top-level arguments of the call whose '(' is just before `start`, as strings."""
    args, depth, i, begin = [], 0, start, start
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(text[begin:i].strip())
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append(text[begin:i].strip())
            begin = i + 1
        i += 1
    raise RouteSourceError("unbalanced call")


def string_literal(term):
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', term)
    return m.group(1).encode().decode("unicode_escape") if m else None


def name_values(name, text, before):
    """The values `name` can have at `before`: the strings of an enclosing range-for over a
    braced list, or one string constant. None when it is neither."""
    loops = list(re.finditer(
        r"for\s*\(\s*[\w:<>\s\*&]*?\b" + re.escape(name) + r"\s*:\s*\{([^}]*)\}\s*\)",
        text[:before]))
    if loops:
        items = [string_literal(t.strip()) for t in loops[-1].group(1).split(",")]
        if items and all(item is not None for item in items):
            return items
        return None
    const = re.search(r"\b" + re.escape(name) + r"\s*(?:=|\{)\s*(\"(?:[^\"\\]|\\.)*\")",
                      text[:before])
    return [string_literal(const.group(1))] if const else None


def pattern_values(expr, text, before):
    """Every string the pattern expression `expr` can be: literals, std::string(...) and
    names bound as name_values says, joined by +."""
    choices = []
    for term in expr.split("+"):
        term = term.strip()
        m = re.fullmatch(r"std::string(?:_view)?\s*\((.*)\)", term)
        if m:
            term = m.group(1).strip()
        literal = string_literal(term)
        if literal is not None:
            choices.append([literal])
            continue
        values = name_values(term, text, before) if re.fullmatch(r"\w+", term) else None
        if values is None:
            return None
        choices.append(values)
    return ["".join(parts) for parts in itertools.product(*choices)]


def routes_in(text, where="source"):
    """[(METHOD, pattern)] of every registration in the C++ `text`; RouteSourceError for any
    router call this cannot read."""
    text = strip_comments(text)
    routes, prefixes = [], []
    for m in re.finditer(r"\brouter\s*(?:\.|->)\s*(\w+)\s*\(", text):
        call, line = m.group(1), text.count("\n", 0, m.start()) + 1
        if call in NOT_ROUTES:
            continue
        args = split_args(text, m.end())
        if call == "add":
            method = re.fullmatch(r"(?:[\w:]*::)?k(\w+)", args[0])
            if not method or method.group(1).lower() not in ROUTE_METHODS:
                raise RouteSourceError(f"{where}:{line}: router.add with method {args[0]!r}")
            methods, expr = [ROUTE_METHODS[method.group(1).lower()]], args[1]
        elif call in ROUTE_METHODS:
            methods, expr = [ROUTE_METHODS[call]], args[0]
        elif call == "set_not_found":
            if len(args) == 2:
                values = pattern_values(args[0], text, m.start())
                if values is None:
                    raise RouteSourceError(f"{where}:{line}: cannot read prefix {args[0]!r}")
                prefixes.extend(values)
            continue
        else:
            raise RouteSourceError(f"{where}:{line}: unknown router call {call!r}: teach "
                                   "test_route_permissions.py what it registers")
        values = pattern_values(expr, text, m.start())
        if values is None:
            raise RouteSourceError(f"{where}:{line}: cannot read the route pattern {expr!r}: "
                                   "teach test_route_permissions.py this form")
        for value in values:
            if not value.startswith("/"):
                raise RouteSourceError(f"{where}:{line}: pattern {value!r} is not a path")
            routes.extend((method, value) for method in methods)
    return routes, prefixes


def source_routes():
    """[(METHOD, pattern, file)] of the whole server, from src/ (tests excluded)."""
    root = os.path.join(source_dir(), "src")
    found = []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".cpp") or name.endswith("_test.cpp"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if not re.search(r"\brouter\s*(?:\.|->)", text):
                continue
            rel = os.path.relpath(path, source_dir())
            routes, _ = routes_in(text, rel)
            found.extend((method, pattern, rel) for method, pattern in routes)
    return found


def source_file(*parts):
    with open(os.path.join(source_dir(), *parts), encoding="utf-8") as f:
        return strip_comments(f.read())


def article_actions():
    """The {action}s of /admin/articles/{id}/{action}: the literal ones article_page.cpp
    compares and the moderation decisions' names (moderation.cpp)."""
    literal = re.findall(r'action\s*==\s*"([\w-]+)"', source_file("src", "admin",
                                                                  "article_page.cpp"))
    decisions = re.findall(r'case\s+Decision::k\w+:\s*return\s*"([\w-]+)"',
                           source_file("src", "admin", "moderation.cpp"))
    return sorted(set(literal) | set(decisions))


# Registrations the parser must find: if one is missing, the parser broke (or the route was
# renamed, and then this list and the test's rules need a look).
KNOWN_ROUTES = {
    ("GET", "/admin/login"), ("POST", "/admin/login"), ("POST", "/admin/logout"),
    ("GET", "/admin/"), ("GET", "/admin/users"), ("POST", "/admin/users/{id}/disable"),
    ("POST", "/admin/users/{id}/reset-link"), ("GET", "/admin/audit"),
    ("POST", "/admin/sections/{id}"), ("POST", "/admin/sources/{id}/test"),
    ("POST", "/admin/articles/{id}/{action}"),
    ("POST", "/admin/articles/{id}/tags/{topic}/remove"), ("GET", "/admin/reset"),
    ("GET", "/partner/"), ("POST", "/partner/tokens/{id}/revoke"),
    ("GET", "/partner/articles/{id}"), ("GET", "/partner/deliveries"),
    ("GET", "/admin/{page}"), ("GET", "/partner/{page}/{more}"),
    ("POST", "/api/v1/zones/{zone}/articles"), ("GET", "/api/v1/articles/{id}"),
    ("GET", "/api/v1/zones"), ("GET", "/api/v1/openapi.json"),
}
KNOWN_ACTIONS = {"edit", "tags", "approve", "reject", "withdraw", "restore"}

# Public by design, each tried by its own rules in PublicRoutesTest.
PUBLIC = {
    ("GET", "/admin/login"), ("POST", "/admin/login"), ("POST", "/admin/logout"),
    ("GET", "/admin/reset"), ("POST", "/admin/reset"),
    ("GET", "/admin"), ("GET", "/partner"),  # redirects to the pages with the slash
    ("GET", "/api/v1/openapi.json"),  # the API's description
    ("GET", "/api/v1/search"),  # the readers' search (web/), published articles only
}
ADMIN_ONLY = ("/admin/users", "/admin/audit")
# The API calls a partner's token may make (for its own zones only). Any other /api/ route
# is taken to be the editors': a partner's token is refused it even on its own things, so a
# new partner call must be added here or its matrix fails.
PARTNER_API = {
    ("POST", "/api/v1/zones/{zone}/articles"), ("GET", "/api/v1/zones"),
    ("GET", "/api/v1/articles"), ("GET", "/api/v1/articles/{id}"),
    ("GET", "/api/v1/deliveries"), ("GET", "/api/v1/sources"),
}


def kind_of(method, pattern):
    """Which rules a route answers to: public, admin-only, staff, portal, api (a partner's),
    api-editor, or None for the routes outside this test (the readers' pages, WebSub
    callbacks)."""
    if (method, pattern) in PUBLIC:
        return "public"
    if pattern.startswith("/admin/"):
        return "admin-only" if pattern.startswith(ADMIN_ONLY) else "staff"
    if pattern.startswith("/partner/"):
        return "portal"
    if pattern.startswith("/api/"):
        return "api" if (method, pattern) in PARTNER_API else "api-editor"
    if pattern in ("/admin", "/partner") or pattern.startswith("/api"):
        raise AssertionError(f"{method} {pattern}: no rule for it in test_route_permissions")
    return None


def is_catch_all(pattern):
    return "{page}" in pattern


# --- the site ------------------------------------------------------------------------------

MARK = {"pdo": "PDO-ONLY-7f3a", "other": "OTHER-ONLY-2c9e"}
OTHER = {"pdo": "other", "other": "pdo"}
PARTNER_FORM = {"pdo": ("pdo@example.org", "china-news-zone", "peoples-daily-online"),
                "other": ("other@example.org", "other-zone", "other-agency")}
BAD_TOKENS = [None, "Bearer", "Bearer not-a-token", "Basic cGRvOnBhc3N3b3Jk",
              "Bearer nzp_" + "A" * 43]
# Sent with every refused POST: what the forms ask for, so that a POST that was wrongly
# accepted would change something the snapshot sees.
GENERIC_FORM = {
    "email": "matrix@example.org", "role": "admin", "password": "matrix password that is long",
    "name": "Matrix", "slug": "matrix", "title": "Matrix", "url": "http://127.0.0.1:9/m.xml",
    "kind": "zone", "partner": "other-agency", "every": "10m", "headline": "Matrix headline",
    "standfirst": "Matrix", "publish": "1", "reason": "matrix", "topic": "SE",
    "action": "approve", "zone": "china-news-zone", "description": "Matrix",
}

# The same for the API's calls other than the push, as JSON.
GENERIC_JSON = dict(GENERIC_FORM, enabled=True, position=1)


def ninjs(guid, headline):
    return json.dumps({"uri": guid, "headline": headline,
                       "body_html": f"<p>{headline}: the body.</p>",
                       "versioncreated": "2026-11-27T08:00:00Z", "language": "en"})


def cli(data, *args, input=None):
    code, out, err = run_cli(list(args), data_dir=data, input=input)
    assert code == 0, f"newszone {' '.join(args)}: {err}"
    return out


def open_db(data):
    return sqlite3.connect(f"file:{os.path.join(data, 'newszone.db')}?mode=ro", uri=True)


def query(data, sql, *params):
    db = open_db(data)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


# Columns that answering a request may write by design: a session's last activity and a
# token's last use (at most once a minute) are bookkeeping, not a change.
VOLATILE = {("sessions", "last_seen"), ("api_tokens", "last_used")}


def snapshot(data):
    """{table: sorted rows} of every table, VOLATILE columns left out."""
    db = open_db(data)
    try:
        out = {}
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            cols = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')
                    if (table, r[1]) not in VOLATILE]
            rows = db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} '
                              f'FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        db.close()


class NoValue(Exception):
    pass


class Site:
    """The site above, its ids read from the database, the signed-in sessions."""

    def __init__(self, data, server):
        self.data, self.server = data, server
        self.client = Client(server)
        self.tokens = {}
        for who in ("pdo", "other"):
            email, zone, partner = PARTNER_FORM[who]
            cli(data, "zone", "set", zone, "--moderation", "hold-for-review")
            cli(data, "source", "add", "--zone", zone,
                "--url", f"http://127.0.0.1:9/{MARK[who]}.xml")
            source = query(data, "SELECT s.id FROM sources s JOIN sections z "
                                 "ON z.id = s.section_id WHERE z.slug = ?", zone)[0][0]
            cli(data, "source", "disable", str(source))
            token = cli(data, "token", "create", "--partner", partner,
                        "--name", f"{MARK[who]} token").strip()
            revoked = cli(data, "token", "create", "--partner", partner,
                          "--name", f"{MARK[who]} old token").strip()
            revoked_id = query(data, "SELECT id FROM api_tokens WHERE name = ?",
                               f"{MARK[who]} old token")[0][0]
            cli(data, "token", "revoke", str(revoked_id))
            self.tokens[who] = {"token": token, "revoked": revoked, "zone": zone,
                                "source": source, "email": email, "partner": partner}

    def prepare(self):
        """What needs the running server: articles pushed, sessions signed in."""
        for who, t in self.tokens.items():
            for n in (1, 2):
                resp = self.push(t["token"], t["zone"], f"urn:matrix:{who}:{n}",
                                 f"{MARK[who]} headline {n}")
                assert resp.status == 201, (resp.status, resp.text)
        self.ids = {}
        for who, t in self.tokens.items():
            zone_id, partner_id = query(self.data, "SELECT id, partner_id FROM sections "
                                                   "WHERE slug = ?", t["zone"])[0]
            articles = [r[0] for r in query(
                self.data, "SELECT id FROM articles WHERE section_id = ? AND status = "
                           "'pending' ORDER BY id", zone_id)]
            for article in articles:
                cli(self.data, "tag", "add", str(article), "FI")
            topic = query(self.data, "SELECT topic_id FROM article_topics WHERE article_id "
                                     "= ? ORDER BY topic_id LIMIT 1", articles[0])
            token_id = query(self.data, "SELECT id FROM api_tokens WHERE name = ?",
                             f"{MARK[who]} token")[0][0]
            assert len(articles) == 2 and topic, (who, articles, topic)
            self.ids[who] = {"zone": t["zone"], "section": zone_id, "partner": partner_id,
                             "article": articles[0], "spare_article": articles[1],
                             "topic": topic[0][0], "token": token_id, "source": t["source"]}
        # The host's own section and an article in it: no partner's at all.
        news, article = query(self.data, "SELECT s.id, min(a.id) FROM sections s JOIN articles "
                                         "a ON a.section_id = s.id WHERE s.slug = 'news'")[0]
        topic = query(self.data, "SELECT min(topic_id) FROM article_topics WHERE article_id "
                                 "= ?", article)[0][0]
        assert topic, article
        self.ids["host"] = {"zone": "news", "section": news, "article": article,
                            "topic": topic}
        self.user_ids = dict(query(self.data, "SELECT email, id FROM users"))
        self.sessions = {role: self.client.sign_in(email) for role, email in (
            ("admin", "admin@example.org"), ("editor", "editor@example.org"),
            ("pdo", "pdo@example.org"), ("other", "other@example.org"))}
        self.csrfs = {role: self.client.csrf(session, "/partner/" if role in ("pdo", "other")
                                             else "/admin/")
                      for role, session in self.sessions.items()}

    def push(self, token, zone, guid, headline):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        return self.server.request("POST", f"/api/v1/zones/{zone}/articles", headers=headers,
                                   body=ninjs(guid, headline).encode())

    def fill(self, pattern, owner):
        """The concrete paths of `pattern` with `owner`'s ids ("pdo", "other" or "host"):
        one per {action} when there is one. AssertionError on a placeholder this does not
        know; NoValue when `owner` has no such thing (the host has no tokens)."""
        ids = self.ids[owner]
        segments = pattern.split("/")
        choices = []
        for i, seg in enumerate(segments):
            m = re.fullmatch(r"\{(\w+)\}", seg)
            if not m:
                choices.append([seg])
                continue
            name, before = m.group(1), segments[i - 1]
            if name in ("page", "more"):
                choices.append(["no-such-page"])
            elif name == "action":
                choices.append(article_actions() + ["no-such-action"])
            elif name == "topic" and before == "tags":
                choices.append([str(ids["topic"])])
            elif name == "zone" and before == "zones":
                choices.append([ids["zone"]])
            elif name == "id" and before in FILL_ID:
                try:
                    choices.append([FILL_ID[before](self, owner)])
                except KeyError as e:
                    raise NoValue(f"{owner} has no {e}") from None
            else:
                raise AssertionError(f"{pattern}: no value for {{{name}}} after {before!r}; "
                                     "add one to Site.fill")
        return ["/".join(parts) for parts in itertools.product(*choices)]


FILL_ID = {
    # The editor's account: a wrongly accepted disable or reset link would show.
    "users": lambda site, owner: str(site.user_ids["editor@example.org"]),
    "sections": lambda site, owner: str(site.ids[owner]["section"]),
    "partners": lambda site, owner: str(site.ids[owner]["partner"]),
    "sources": lambda site, owner: str(site.ids[owner]["source"]),
    "articles": lambda site, owner: str(site.ids[owner]["article"]),
    "tokens": lambda site, owner: str(site.ids[owner]["token"]),
}


class SiteTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-permissions-")
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.server = NzServer(data_dir=cls.data)
        try:
            make_site(cls.data)
            cls.site = Site(cls.data, cls.server)
            cls.server.start()
            cls.site.prepare()
        except BaseException:
            cls.server.cleanup()
            cls.tmp.cleanup()
            raise
        cls.client = cls.site.client
        cls.routes = source_routes()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
        finally:
            cls.server.cleanup()
            cls.tmp.cleanup()

    def routes_of(self, *kinds):
        return [(method, pattern) for method, pattern, _ in self.routes
                if kind_of(method, pattern) in kinds]

    # --- requests --------------------------------------------------------------------------

    def as_user(self, role, method, path, csrf=True, origin=None, fields=None):
        """`method` `path` as `role` (None: anonymous) with a form, its CSRF token being the
        session's own (True), none (False) or the given string."""
        session = self.site.sessions.get(role)
        if method == "GET":
            return self.client.get(path, session)
        if fields is None:
            # The queue's form names a held article: accepted, it would be approved.
            held = str(self.site.ids["pdo"]["article"])
            fields = dict(GENERIC_FORM, id=held, approve_one=held)
        form = dict(fields)
        if csrf is True and role:
            form["csrf"] = self.site.csrfs[role]
        elif isinstance(csrf, str):
            form["csrf"] = csrf
        return self.client.post(path, form, session, origin=origin)

    def api(self, method, path, authorization):
        headers = {"Content-Type": "application/json"}
        if authorization:
            headers["Authorization"] = authorization
        body = None
        if path.endswith("/articles") and method == "POST":
            body = ninjs("urn:matrix:refused", "Refused matrix push").encode()
        elif method != "GET":
            body = json.dumps(GENERIC_JSON).encode()
        return self.server.request(method, path, headers=headers, body=body)


class RouteParserTest(unittest.TestCase):
    """The parser itself, so that a break shows here rather than as a smaller matrix."""

    def test_it_reads_literals_prefix_loops_constants_and_add(self):
        text = '''
          // router.get("/commented/out", x);
          router.get("/a/{id}", route(a));  /* router.post("/b", y); */
          router.post(
              "/c",
              [&](http::Request& r) { return f(r, "/not/a/route"); });
          constexpr std::string_view kBase = "/base";
          router.get(std::string(kBase) + "/x", h);
          for (const char* prefix : {"/p/", "/q/"}) {
            router.get(std::string(prefix) + "{page}", unknown);
            router.set_not_found(prefix, unknown);
          }
          router.add(http::Method::kDelete, "/d/{id}", h);
          auto response = router.dispatch(request);
        '''
        routes, prefixes = routes_in(text)
        self.assertEqual(routes, [("GET", "/a/{id}"), ("POST", "/c"), ("GET", "/base/x"),
                                  ("GET", "/p/{page}"), ("GET", "/q/{page}"),
                                  ("DELETE", "/d/{id}")])
        self.assertEqual(prefixes, ["/p/", "/q/"])

    def test_a_form_it_cannot_read_fails_loudly(self):
        for text in ('router.get(make_path("x"), h);', "router.post(kUnknown + \"/y\", h);",
                     'router.route("/z", h);', 'router.add(verb, "/w", h);'):
            with self.assertRaises(RouteSourceError, msg=text):
                routes_in(text)

    def test_it_finds_the_routes_known_to_exist(self):
        found = {(m, p) for m, p, _ in source_routes()}
        self.assertLessEqual(KNOWN_ROUTES, found, KNOWN_ROUTES - found)
        self.assertGreaterEqual(len([r for r in found if kind_of(*r) is not None]), 50)
        self.assertLessEqual(KNOWN_ACTIONS, set(article_actions()))


class RoutePermissionsTest(SiteTestCase):
    def assert_private(self, what, status, headers, body):
        self.assertEqual(headers.get("Cache-Control"), "no-store", what)
        for mark in MARK.values():
            self.assertNotIn(mark, body, f"{what} ({status}) shows a partner's things")

    def check_admin_route(self, method, pattern, failures):
        admin_only = kind_of(method, pattern) == "admin-only"
        for path in self.site.fill(pattern, "pdo"):
            tries = [(None, 303 if method == "GET" else 401)]
            tries.append(("pdo", 404 if is_catch_all(pattern) else 403))
            tries.append(("other", 404 if is_catch_all(pattern) else 403))
            if admin_only:
                tries.append(("editor", 403))
            if method != "GET":
                # Allowed roles, but the form is not from this session or this site.
                role = "admin"
                tries += [(role, 403, {"csrf": False}), (role, 403, {"csrf": "forged"}),
                          (role, 403, {"csrf": self.site.csrfs["editor"]}),
                          (role, 403, {"origin": "https://evil.example"})]
            for role, want, *options in tries:
                status, headers, body = self.as_user(role, method, path,
                                                     **(options[0] if options else {}))
                what = f"{method} {path} as {role or 'anonymous'} {options or ''}"
                if status != want:
                    failures.append(f"{what}: {status}, not {want}")
                    continue
                self.assert_private(what, status, headers, body)
                if status == 303:
                    self.assertEqual(headers["Location"], "/admin/login", what)

    def check_portal_route(self, method, pattern, failures):
        catch_all = is_catch_all(pattern)
        has_ids = "{" in pattern and not catch_all
        for owner in ("pdo", "other"):
            for path in self.site.fill(pattern, owner):
                variants = [path]
                if method == "GET" and not has_ids:
                    variants.append(path + "?zone=" + self.site.ids[owner]["zone"])
                for variant in variants:
                    staff = {404} if catch_all else {403}
                    tries = [(None, {303} if method == "GET" else {401}),
                             ("editor", staff), ("admin", staff)]
                    # The other partner, signed in, with its own CSRF token: refused the
                    # owner's ids; a page without ids is its own and shows nothing of the
                    # owner's (None). A POST without ids is the other partner's own action.
                    if has_ids or catch_all:
                        tries.append((OTHER[owner], {403, 404}))
                    elif method == "GET":
                        tries.append((OTHER[owner], None))
                    if method != "GET":
                        tries += [(owner, {403}, {"csrf": False}),
                                  (owner, {403}, {"csrf": "forged"}),
                                  (owner, {403}, {"csrf": self.site.csrfs[OTHER[owner]]}),
                                  (owner, {403}, {"origin": "https://evil.example"})]
                    for role, want, *options in tries:
                        status, headers, body = self.as_user(
                            role, method, variant, **(options[0] if options else {}))
                        what = f"{method} {variant} as {role or 'anonymous'} {options or ''}"
                        if want is None:
                            if status not in (200, 403, 404):
                                failures.append(f"{what}: {status}, not 200, 403 or 404")
                            elif MARK[owner] in body:
                                failures.append(f"{what}: shows {owner}'s things")
                            continue
                        if status not in want:
                            failures.append(f"{what}: {status}, not {sorted(want)}")
                            continue
                        self.assert_private(what, status, headers, body)
                        if status == 303:
                            self.assertEqual(headers["Location"], "/admin/login", what)

    def check_api_route(self, method, pattern, failures):
        editors = kind_of(method, pattern) == "api-editor"
        for owner in ("pdo", "other"):
            tokens = self.site.tokens
            has_ids = "{" in pattern
            for path in self.site.fill(pattern, owner):
                tries = [(auth, {401}) for auth in BAD_TOKENS]
                tries.append(("Bearer " + tokens[owner]["revoked"], {401}))
                tries.append(("Bearer " + tokens[OTHER[owner]]["revoked"], {401}))
                tries.append(("Bearer " + tokens[OTHER[owner]]["token"],
                              {403, 404} if has_ids or editors else None))
                if editors:
                    # A partner's token on an editors' call, its own things included.
                    tries.append(("Bearer " + tokens[owner]["token"], {403, 404}))
                variants = [path]
                if method == "GET" and not has_ids:
                    variants.append(path + "?zone=" + self.site.ids[owner]["zone"])
                for variant, (auth, want) in itertools.product(variants, tries):
                    resp = self.api(method, variant, auth)
                    what = f"{method} {variant} with {auth!r:.24}"
                    if want is None:
                        # A call without ids answers for the token's own partner: nothing
                        # of the owner's, whatever ?zone= asks for.
                        if resp.status not in (200, 403, 404):
                            failures.append(f"{what}: {resp.status}, not 200, 403 or 404")
                        elif MARK[owner] in resp.text:
                            failures.append(f"{what}: shows {owner}'s things")
                        continue
                    if resp.status not in want:
                        failures.append(f"{what}: {resp.status}, not {sorted(want)}")
                        continue
                    self.assertEqual(resp.json()["error"]["status"], resp.status, what)
                    self.assertEqual(resp.header("Cache-Control"), "no-store", what)
                    if resp.status == 401:
                        self.assertTrue(resp.header("WWW-Authenticate").startswith("Bearer"),
                                        what)
                    for mark in MARK.values():
                        self.assertNotIn(mark, resp.text, what)

    def check_host_things(self, method, pattern, failures):
        """Both partners, with valid sessions and tokens, on the host's own section and
        article: no partner's, so 404 (or 403)."""
        if "{" not in pattern or is_catch_all(pattern):
            return 0
        try:
            paths = self.site.fill(pattern, "host")
        except NoValue:
            return 0
        for path, who in itertools.product(paths, ("pdo", "other")):
            if pattern.startswith("/partner/"):
                status, _, body = self.as_user(who, method, path)
            else:
                resp = self.api(method, path, "Bearer " + self.site.tokens[who]["token"])
                status, body = resp.status, resp.text
            if status not in (403, 404):
                failures.append(f"{method} {path} as {who} (the host's): {status}, "
                                "not 403 or 404")
        return len(paths)

    def test_every_route_refuses_everybody_it_must_and_nothing_changes(self):
        before = snapshot(self.data)
        audit_before = query(self.data, "SELECT count(*) FROM audit_log")[0][0]
        failures = []
        tried = {"admin-only": 0, "staff": 0, "portal": 0, "api": 0, "api-editor": 0}
        host_paths = 0
        for method, pattern in self.routes_of(*tried):
            kind = kind_of(method, pattern)
            tried[kind] += 1
            if kind in ("admin-only", "staff"):
                self.check_admin_route(method, pattern, failures)
            elif kind == "portal":
                self.check_portal_route(method, pattern, failures)
            else:
                self.check_api_route(method, pattern, failures)
            if kind in ("portal", "api", "api-editor"):
                host_paths += self.check_host_things(method, pattern, failures)
        after = snapshot(self.data)
        audit_after = query(self.data, "SELECT count(*) FROM audit_log")[0][0]
        if audit_after != audit_before:
            failures.append(f"the audit log grew from {audit_before} to {audit_after} rows")
        for table in sorted(set(before) | set(after)):
            old, new = before.get(table, []), after.get(table, [])
            if old != new:
                failures.append(f"table {table} changed: gone {sorted(set(old) - set(new))}, "
                                f"new {sorted(set(new) - set(old))}")
        # The sessions the matrix used are all still there: no refused logout ended one.
        for role, session in self.site.sessions.items():
            status, _, _ = self.client.get("/partner/" if role in ("pdo", "other")
                                           else "/admin/", session)
            if status != 200:
                failures.append(f"{role}'s session no longer works: {status}")
        self.assertEqual(failures, [], "\n".join(failures))
        # The matrix ran over the routes the source has, not a handful.
        self.assertGreaterEqual(tried["admin-only"], 6, tried)
        self.assertGreaterEqual(tried["staff"], 25, tried)
        self.assertGreaterEqual(tried["portal"], 7, tried)
        self.assertGreaterEqual(tried["api"], 6, tried)
        self.assertGreaterEqual(host_paths, 3)

class PositiveControlTest(SiteTestCase):
    """The same requests from the right person work, so the refusals above are about who
    asks, not about a broken request; and each allowed change writes its audit row."""

    def audit_count(self):
        return query(self.data, "SELECT count(*) FROM audit_log")[0][0]

    def test_every_page_opens_for_the_people_it_is_for(self):
        pages = 0
        for method, pattern in self.routes_of("admin-only", "staff", "portal"):
            if method != "GET" or is_catch_all(pattern):
                continue
            kind = kind_of(method, pattern)
            role = {"admin-only": "admin", "staff": "editor", "portal": "pdo"}[kind]
            for path in self.site.fill(pattern, "pdo"):
                status, headers, body = self.as_user(role, "GET", path)
                self.assertEqual(status, 200, f"GET {path} as {role}: {body[:300]}")
                self.assertEqual(headers["Cache-Control"], "no-store", path)
                pages += 1
            if kind == "staff":
                status, _, _ = self.as_user("admin", "GET", self.site.fill(pattern, "pdo")[0])
                self.assertEqual(status, 200, f"GET {pattern} as admin")
        self.assertGreaterEqual(pages, 15)
        # The portal's article page is the partner's own article's; the unknown pages are 404
        # for everybody signed in.
        status, _, body = self.as_user("pdo", "GET",
                                       f"/partner/articles/{self.site.ids['pdo']['article']}")
        self.assertIn(f"{MARK['pdo']} headline 1", body)
        for role in ("admin", "editor", "pdo"):
            self.assertEqual(self.as_user(role, "GET", "/admin/no-such-page")[0], 404)
            self.assertEqual(self.as_user(role, "GET", "/partner/no-such/page")[0], 404)

    def test_every_api_read_answers_the_tokens_own_partner(self):
        token = "Bearer " + self.site.tokens["pdo"]["token"]
        reads = 0
        for method, pattern in self.routes_of("api"):
            if method != "GET":
                continue
            for path in self.site.fill(pattern, "pdo"):
                resp = self.api("GET", path, token)
                self.assertEqual(resp.status, 200, f"GET {path}: {resp.text[:300]}")
                reads += 1
        self.assertGreaterEqual(reads, 5)
        article = self.site.ids["pdo"]["article"]
        resp = self.api("GET", f"/api/v1/articles/{article}", token)
        self.assertIn(f"{MARK['pdo']} headline 1", resp.text)
        resp = self.api("GET", "/api/v1/articles?zone=china-news-zone", token)
        self.assertIn(f"{MARK['pdo']} headline", resp.text)

    def test_a_push_with_the_right_token_is_stored_and_logged(self):
        deliveries = query(self.data, "SELECT count(*) FROM deliveries")[0][0]
        resp = self.site.push(self.site.tokens["other"]["token"], "other-zone",
                              "urn:matrix:control", "Positive control push")
        self.assertEqual(resp.status, 201, resp.text)
        self.assertEqual(query(self.data, "SELECT count(*) FROM deliveries")[0][0],
                         deliveries + 1)

    def post_ok(self, role, path, fields, want=303):
        form = dict(fields, csrf=self.site.csrfs[role])
        status, headers, body = self.client.post(path, form, self.site.sessions[role])
        self.assertEqual(status, want, f"POST {path} as {role}: {body[:500]}")
        return headers, body

    def test_allowed_changes_work_and_each_writes_its_audit_row(self):
        ids = self.site.ids["pdo"]
        article, spare = ids["article"], ids["spare_article"]
        cases = [
            ("admin", "/admin/users", {"email": "control@example.org", "role": "editor",
                                       "password": "control password long"}, 303,
             "user.add", None),
            ("editor", "/admin/partners", {"slug": "control-agency", "name": "Control Agency",
                                           "url": ""}, 303, "partner.add", None),
            ("editor", f"/admin/articles/{article}/approve", {}, 303, "article.approve",
             f"article:{article}"),
            ("editor", f"/admin/articles/{spare}/tags", {"topic": "SE"}, 303,
             "article.tag", f"article:{spare}"),
            ("editor", f"/admin/articles/{spare}/edit",
             {"headline": "Edited by the control", "standfirst": ""}, 303, "article.edit",
             f"article:{spare}"),
            ("editor", f"/admin/articles/{spare}/tags/{ids['topic']}/remove", {}, 303,
             "article.untag", f"article:{spare}"),
            ("editor", "/admin/queue", {"action": "approve", "id": str(spare)}, 303,
             "article.approve", f"article:{spare}"),
            ("admin", f"/admin/sources/{ids['source']}/resume", {}, 303, "source.resume",
             f"source:{ids['source']}"),
            ("editor", f"/admin/sources/{ids['source']}/pause", {}, 303, "source.pause",
             f"source:{ids['source']}"),
            ("pdo", "/partner/tokens", {"name": "Control token"}, 200, "token.create", None),
        ]
        emails = {"admin": "admin@example.org", "editor": "editor@example.org",
                  "pdo": "pdo@example.org"}
        for role, path, fields, want, action, target in cases:
            before = self.audit_count()
            self.post_ok(role, path, fields, want)
            rows = query(self.data, "SELECT action, target, actor_label FROM audit_log "
                                    "ORDER BY id DESC LIMIT ?", self.audit_count() - before)
            self.assertEqual(len(rows), 1, (path, rows))
            self.assertEqual(rows[0][0], action, path)
            if target:
                self.assertEqual(rows[0][1], target, path)
            self.assertEqual(rows[0][2], emails[role], path)
        # Users: the one just added is disabled, enabled and given a reset link by the admin.
        user = query(self.data, "SELECT id FROM users WHERE email = 'control@example.org'")[0][0]
        for path, want, action in ((f"/admin/users/{user}/disable", 303, "user.disable"),
                                   (f"/admin/users/{user}/enable", 303, "user.enable"),
                                   (f"/admin/users/{user}/reset-link", 200, "user.reset_link")):
            before = self.audit_count()
            self.post_ok("admin", path, {}, want)
            rows = query(self.data, "SELECT action, target FROM audit_log ORDER BY id DESC "
                                    "LIMIT ?", self.audit_count() - before)
            self.assertEqual(rows, [(action, f"user:{user}")], path)
        # The partner revokes the token it made.
        token = query(self.data, "SELECT id FROM api_tokens WHERE name = 'Control token'")[0][0]
        before = self.audit_count()
        self.post_ok("pdo", f"/partner/tokens/{token}/revoke", {})
        rows = query(self.data, "SELECT action, target FROM audit_log ORDER BY id DESC LIMIT ?",
                     self.audit_count() - before)
        self.assertEqual(rows, [("token.revoke", f"token:{token}")])

    def form_fields(self, role, page, action):
        """The fields the form posting to `action` on `page` sends as it is shown."""
        status, _, body = self.as_user(role, "GET", page)
        self.assertEqual(status, 200, page)
        form = next(f for f in parse_html(body).find_all("form") if f.get("action") == action)
        fields = {}
        for el in form.iter():
            name = el.get("name")
            if not name or el.tag == "button":
                continue
            if el.tag == "input" and el.get("type") in ("checkbox", "radio"):
                if "checked" in el.attrs:
                    fields[name] = el.get("value", "on")
            elif el.tag == "input":
                fields[name] = el.get("value", "")
            elif el.tag == "textarea":
                fields[name] = el.text
            elif el.tag == "select":
                options = el.find_all("option")
                chosen = [o for o in options if "selected" in o.attrs] or options[:1]
                fields[name] = chosen[0].get("value", chosen[0].text) if chosen else ""
        return fields

    def test_edit_forms_sent_back_changed_save_and_are_audited(self):
        for kind, thing, change in (("sections", self.site.ids["other"]["section"],
                                     {"description": "Changed by the control"}),
                                    ("partners", self.site.ids["other"]["partner"],
                                     {"url": "https://other.example/"})):
            path = f"/admin/{kind}/{thing}"
            fields = dict(self.form_fields("editor", path, path), action="save", **change)
            before = self.audit_count()
            status, headers, body = self.client.post(path, fields,
                                                     self.site.sessions["editor"])
            self.assertEqual(status, 303, f"POST {path}: {body[:800]}")
            rows = query(self.data, "SELECT action, target, after_json FROM audit_log "
                                    "ORDER BY id DESC LIMIT ?", self.audit_count() - before)
            self.assertEqual([r[:2] for r in rows], [(f"{kind[:-1]}.update",
                                                      f"{kind[:-1]}:{thing}")])
            self.assertIn(next(iter(change.values())), rows[0][2])


class PublicRoutesTest(SiteTestCase):
    """The routes open to anonymous visitors, each by its own rules."""

    def test_sign_in_needs_the_forms_own_token_and_this_origin(self):
        status, headers, body = self.client.get("/admin/login")
        self.assertEqual(status, 200)
        sessions = query(self.data, "SELECT count(*) FROM sessions")[0][0]
        fields = {"email": "admin@example.org", "password": "admin password one"}
        status, _, _ = self.client.post("/admin/login", fields)
        self.assertEqual(status, 403)
        token = hidden_csrf(body)
        status, _, _ = self.client.post("/admin/login", dict(fields, csrf=token),
                                        cookies={"nz_login": "another"})
        self.assertEqual(status, 403)
        status, _, _ = self.client.post("/admin/login", dict(fields, csrf=token),
                                        cookies={"nz_login": token},
                                        origin="https://evil.example")
        self.assertEqual(status, 403)
        self.assertEqual(query(self.data, "SELECT count(*) FROM sessions")[0][0], sessions)

    def test_sign_out_needs_a_session_and_its_csrf_token(self):
        session = self.client.sign_in("editor@example.org")
        csrf = self.client.csrf(session)
        self.assertEqual(self.client.post("/admin/logout", {})[0], 401)
        self.assertEqual(self.client.post("/admin/logout", {}, session)[0], 403)
        self.assertEqual(self.client.post("/admin/logout", {"csrf": csrf}, session,
                                          origin="https://evil.example")[0], 403)
        self.assertEqual(self.client.get("/admin/", session)[0], 200)
        self.assertEqual(self.client.post("/admin/logout", {"csrf": csrf}, session)[0], 303)
        self.assertEqual(self.client.get("/admin/", session)[0], 303)

    def test_the_reset_form_needs_a_valid_link(self):
        before = snapshot(self.data)
        for path in ("/admin/reset", "/admin/reset?token=", "/admin/reset?token=" + "A" * 43):
            status, headers, _ = self.client.get(path)
            self.assertIn(status, (400, 404), path)
            self.assertEqual(headers["Cache-Control"], "no-store", path)
        for fields in ({}, {"token": "A" * 43, "password": "a new long password",
                            "confirm": "a new long password", "csrf": "x"}):
            status, _, _ = self.client.post("/admin/reset", fields, cookies={"nz_reset": "x"})
            self.assertIn(status, (400, 404), fields)
        status, _, _ = self.client.post("/admin/reset", {"token": "A" * 43},
                                        origin="https://evil.example")
        self.assertEqual(status, 403)
        self.assertEqual(snapshot(self.data)["users"], before["users"])
        self.assertEqual(snapshot(self.data)["password_resets"], before["password_resets"])

    def test_the_paths_without_a_slash_lead_to_the_pages_with_it(self):
        for path in ("/admin", "/partner"):
            status, headers, _ = self.client.get(path)
            self.assertEqual((status, headers["Location"]), (303, path + "/"))

    def test_the_api_description_and_the_readers_search_need_no_token(self):
        self.assertEqual(self.server.get("/api/v1/openapi.json").status, 200)
        # The readers' search shows published articles only: never the held ones.
        for q in (MARK["pdo"], MARK["other"] + " headline", "headline"):
            resp = self.server.get("/api/v1/search?q=" + urllib.parse.quote(q))
            self.assertEqual(resp.status, 200, resp.text[:300])
            results = json.dumps(resp.json()["results"])
            for mark in MARK.values():
                self.assertNotIn(mark, results, q)
        resp = self.server.get("/api/v1/search?q=China")
        self.assertEqual(resp.status, 200)
        self.assertGreater(len(resp.json()["results"]), 0)

if __name__ == "__main__":
    unittest.main()
