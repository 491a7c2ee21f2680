"""Sections, zones, partners and sources in the admin (issue 8): /admin/sections (with the live
preview of a zone's label), /admin/partners and /admin/sources (with "Test fetch"), driven as
a browser would against the real server.

The site is test_admin_auth's: the demo (partner People's Daily Online, zone china-news-zone),
Other Agency with other-zone, an admin, an editor and two partner users. Editors and admins
may do everything here; partners never (403) and anonymous visitors are sent to sign in.
Every change is in the audit log with the state before and after. The poller is off, so a
source is fetched only when a test says so.
"""

import os
import re
import tempfile
import unittest

from nzserver import NzServer, article_json_line, parse_html, run_cli
from test_admin_auth import Client, hidden_csrf, make_site
from test_sources import PartnerFeed, rss

ENV = {"NEWSZONE_POLLER": "false"}


def form_fields(body, form_id=None, action=None):
    """The fields a browser would send for a form on the page: inputs (checked boxes only),
    selects (the selected option, else the first) and textareas."""
    doc = parse_html(body)
    forms = doc.find_all("form")
    form = next(f for f in forms
                if (form_id is None or f.get("id") == form_id)
                and (action is None or f.get("action") == action))
    fields = {}
    for el in form.iter():
        name = el.get("name")
        if not name or el.get("disabled") is not None:
            continue
        if el.tag == "input":
            kind = el.get("type", "text")
            if kind in ("checkbox", "radio"):
                if el.get("checked") is not None:
                    fields[name] = el.get("value", "on")
            elif kind not in ("submit", "button"):
                fields[name] = el.get("value", "")
        elif el.tag == "select":
            options = el.find_all("option")
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            fields[name] = chosen[0].get("value", chosen[0].text) if chosen else ""
        elif el.tag == "textarea":
            fields[name] = el.text
    return fields


def words(element):
    """The element's visible text, words separated by single spaces."""
    return " ".join(" ".join(element.text_nodes()).split())


class AdminSectionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-admin-sections-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        cls.server = NzServer(data_dir=cls.data, env=ENV).start()
        cls.client = Client(cls.server)
        cls.editor = cls.client.sign_in("editor@example.org")
        cls.admin = cls.client.sign_in("admin@example.org")
        cls.pdo = cls.client.sign_in("pdo@example.org")
        cls.feed = PartnerFeed()
        cls.feed.body = rss(("t-1", "Harbour reopens after the storm"),
                            ("t-2", "Rail link to the airport approved"))

    @classmethod
    def tearDownClass(cls):
        cls.feed.close()
        cls.server.stop()
        cls.tmp.cleanup()

    # --- helpers ---------------------------------------------------------------------------

    def get(self, path, session=None, status=200):
        got, headers, body = self.client.get(path, session or self.editor)
        self.assertEqual(got, status, body[:1000])
        if status == 200:
            self.assertEqual(headers["Cache-Control"], "no-store")
        return body

    def post(self, path, fields, session=None):
        return self.client.post(path, fields, session or self.editor)

    def csrf(self, session=None):
        return self.client.csrf(session or self.editor, "/admin/")

    def cli(self, *args, input=None):
        code, out, err = run_cli(list(args), data_dir=self.data, input=input)
        self.assertEqual(code, 0, err)
        return out

    def zone_id(self, slug):
        body = self.get("/admin/sections")
        for tr in parse_html(body).find_all("tr"):
            link = tr.find("a", href=f"/{slug}/")
            if link is not None:
                return re.search(r"/admin/sections/(\d+)", str(tr.find("a").get("href"))).group(1)
        return None

    def create_zone(self, slug, title, **overrides):
        body = self.get("/admin/sections/new?kind=zone")
        fields = form_fields(body, "section-form")
        fields.update({"slug": slug, "title": title, "partner": "other-agency",
                       "action": "save"})
        fields.update(overrides)
        return self.post("/admin/sections", fields)

    def edit_fields(self, section_id):
        return form_fields(self.get(f"/admin/sections/{section_id}"), "section-form")

    def audit_rows(self, target):
        body = self.get("/admin/audit", self.admin)
        rows = [words(tr) for tr in parse_html(body).find_all("tr")]
        return [r for r in rows if f" {target} " in f" {r} "]

    def reader_article(self, zone):
        listing = self.server.get(f"/{zone}/")
        self.assertEqual(listing.status, 200)
        found = re.search(r'href="(/%s/\d+-[^"]+)"' % re.escape(zone), listing.text)
        self.assertTrue(found, listing.text[:2000])
        return found.group(1)

    # --- sections and zones ----------------------------------------------------------------

    def test_an_editor_creates_a_zone_edits_its_disclaimer_and_readers_see_it_at_once(self):
        status, headers, body = self.create_zone(
            "agency-zone", "Agency Zone",
            disclaimer="{{SITE}} does not edit the Agency Zone.",
            contract_start="2024-01-01", contract_end="2999-12-31",
            moderation="auto-publish")
        self.assertEqual(status, 303, body[:1000])
        match = re.fullmatch(r"/admin/sections/(\d+)\?saved=1", headers["Location"])
        self.assertTrue(match, headers["Location"])
        zone_id = match.group(1)

        self.cli("import", "-", input=article_json_line(
            "agency-zone", "agency:1", "Ferry timetable changes for winter",
            "2026-11-20T08:00:00Z") + "\n")
        article = self.reader_article("agency-zone")
        page = self.server.get(article)
        self.assertIn("does not edit the Agency Zone.", page.text)
        self.assertIn("Other Agency", page.text)
        self.server.get(article)  # kept by the page cache from here

        listing = parse_html(self.get("/admin/sections"))
        row = next(words(tr) for tr in listing.find_all("tr") if "Agency Zone" in tr.text)
        self.assertIn("Other Agency", row)
        self.assertIn("2024-01-01 – 2999-12-31", row)
        self.assertIn("auto-publish", row)
        self.assertRegex(row, r"\b1 Edit$")

        fields = self.edit_fields(zone_id)
        self.assertEqual(fields["disclaimer"], "{{SITE}} does not edit the Agency Zone.")
        self.assertEqual(fields["partner"], "other-agency")
        self.assertEqual(fields["contract_end"], "2999-12-31")
        fields["disclaimer"] = "The agency alone answers for this zone, not {{site}}."
        fields["action"] = "save"
        status, headers, body = self.post(f"/admin/sections/{zone_id}", fields)
        self.assertEqual(status, 303, body[:1000])
        self.assertIn("Saved.", self.get(headers["Location"]))

        page = self.server.get(article)
        self.assertIn("The agency alone answers for this zone, not", page.text)
        self.assertNotIn("does not edit the Agency Zone.", page.text)
        label = parse_html(page.text).find("aside", cls="zone-label")
        self.assertIn("The agency alone answers for this zone", label.text)

        adds = self.audit_rows(f"section:{zone_id}")
        self.assertEqual(len([r for r in adds if "section.add" in r]), 1, adds)
        updates = [r for r in adds if "section.update" in r]
        self.assertEqual(len(updates), 1, adds)
        self.assertIn("editor@example.org", updates[0])
        self.assertIn('"disclaimer":"{{SITE}} does not edit the Agency Zone."', updates[0])
        self.assertIn('"disclaimer":"The agency alone answers for this zone, not {{site}}."',
                      updates[0])

    def test_saving_an_unchanged_form_records_nothing(self):
        zone_id = self.zone_id("other-zone")
        before = len(self.audit_rows(f"section:{zone_id}"))
        fields = self.edit_fields(zone_id)
        fields["action"] = "save"
        status, _, body = self.post(f"/admin/sections/{zone_id}", fields)
        self.assertEqual(status, 303, body[:1000])
        self.assertEqual(len(self.audit_rows(f"section:{zone_id}")), before)

    def test_preview_shows_unsaved_text_and_changes_nothing(self):
        zone_id = self.zone_id("china-news-zone")
        fields = self.edit_fields(zone_id)
        stored = fields["disclaimer"]
        audit_before = len(self.audit_rows(f"section:{zone_id}"))
        fields["disclaimer"] = "Unsaved words about {{partner}} and {{SITE}}."
        fields["contract_end"] = "2023-02-03"

        # What the page's script posts: the fragment alone.
        status, headers, body = self.post("/admin/sections/preview", fields)
        self.assertEqual(status, 200, body[:1000])
        self.assertEqual(headers["Cache-Control"], "no-store")
        fragment = parse_html(body)
        label = fragment.find("aside", cls="zone-label")
        self.assertIn("Unsaved words about People's Daily Online and HELSINKI TIMES.",
                      words(label))
        self.assertIn("partnership behind China News Zone ended on 2023-02-03",
                      fragment.find("p", cls="archived-notice").text)
        self.assertNotIn("<html", body)
        self.assertIsNone(fragment.find("p", cls="form-message"))

        # A value that does not check out is said in the preview, not saved either.
        status, _, body = self.post("/admin/sections/preview",
                                    dict(fields, contract_end="2021-12-31"))
        self.assertEqual(status, 200, body[:1000])
        self.assertIn("Contract end (2021-12-31) is before Contract start (2022-01-01)",
                      words(parse_html(body).find("p", cls="form-message")))

        # Without JavaScript: the "Preview" button renders the form with it, input kept.
        fields["action"] = "preview"
        status, _, body = self.post(f"/admin/sections/{zone_id}", fields)
        self.assertEqual(status, 200, body[:1000])
        self.assertIn("Unsaved words about People", body)
        self.assertEqual(form_fields(body, "section-form")["disclaimer"],
                         "Unsaved words about {{partner}} and {{SITE}}.")

        self.assertEqual(self.edit_fields(zone_id)["disclaimer"], stored)
        reader = self.server.get(self.reader_article("china-news-zone")).text
        self.assertNotIn("Unsaved words", reader)
        self.assertNotIn("2023-02-03", reader)
        self.assertEqual(len(self.audit_rows(f"section:{zone_id}")), audit_before)

    def test_validation_errors_are_shown_with_the_input_kept_and_nothing_stored(self):
        cases = [
            ({"slug": "Bad Slug"}, "is not a slug"),
            ({"slug": "admin"}, "is reserved"),
            ({"contract_start": "2025-06-01", "contract_end": "2025-01-31"},
             "Contract end (2025-01-31) is before Contract start (2025-06-01)"),
            ({"title": "T" * 201}, "Title is too long"),
            ({"disclaimer": "D" * 1001}, "Disclaimer is too long"),
            ({"link_rel": "dofollow"}, "Link policy"),
            ({"partner": ""}, "Partner is required"),
            ({"slug": "china-news-zone"}, "exists already"),
        ]
        for overrides, message in cases:
            with self.subTest(overrides=list(overrides)):
                fields = {"slug": "refused-zone", "title": "Refused Zone",
                          "description": "Kept description"}
                fields.update(overrides)
                status, headers, body = self.create_zone(fields.pop("slug"), fields.pop("title"),
                                                         **fields)
                self.assertEqual(status, 422, body[:1000])
                self.assertEqual(headers["Cache-Control"], "no-store")
                alert = parse_html(body).find("p", cls="form-message")
                self.assertIsNotNone(alert, body[:2000])
                self.assertIn(message, alert.text)
                kept = form_fields(body, "section-form")
                self.assertEqual(kept["description"], "Kept description")
                for name, value in overrides.items():
                    self.assertEqual(kept[name], value)
        self.assertIsNone(self.zone_id("refused-zone"))
        self.assertNotIn("Refused Zone", self.get("/admin/sections"))

    def test_an_editorial_section_has_only_the_common_settings(self):
        body = self.get("/admin/sections/new?kind=section")
        fields = form_fields(body, "section-form")
        self.assertNotIn("disclaimer", fields)
        self.assertNotIn("partner", fields)
        fields.update({"slug": "culture", "title": "Culture", "position": "40",
                       "action": "save"})
        status, headers, body = self.post("/admin/sections", fields)
        self.assertEqual(status, 303, body[:1000])
        page = self.server.get("/culture/")
        self.assertEqual(page.status, 200)
        self.assertIsNone(parse_html(page.text).find("aside", cls="zone-label"))
        # A zone's setting posted for a section anyway is not read.
        section_id = re.search(r"/admin/sections/(\d+)", headers["Location"]).group(1)
        fields = self.edit_fields(section_id)
        fields.update({"disclaimer": "Not for sections", "action": "save"})
        status, _, body = self.post(f"/admin/sections/{section_id}", fields)
        self.assertEqual(status, 303, body[:1000])
        self.assertNotIn("Not for sections", self.server.get("/culture/").text)

    # --- partners --------------------------------------------------------------------------

    def test_partners_are_added_and_renamed_and_zone_labels_follow(self):
        status, _, body = self.post("/admin/partners",
                                    {"csrf": self.csrf(), "name": "Baltic Wire",
                                     "url": "https://balticwire.example/"})
        self.assertEqual(status, 303, body[:1000])
        rows = parse_html(self.get("/admin/partners")).find_all("tr")
        row = next(tr for tr in rows if "Baltic Wire" in tr.text)
        self.assertIn("baltic-wire", row.text)
        partner_id = re.search(r"/admin/partners/(\d+)", row.find("a").get("href")).group(1)

        status, _, body = self.create_zone("baltic-zone", "Baltic Zone", partner="baltic-wire")
        self.assertEqual(status, 303, body[:1000])
        self.cli("import", "-", input=article_json_line(
            "baltic-zone", "baltic:1", "Tallinn port expands", "2026-11-21T08:00:00Z") + "\n")
        article = self.reader_article("baltic-zone")
        self.assertIn("Baltic Wire", self.server.get(article).text)

        # Refused with the input kept.
        status, _, body = self.post(f"/admin/partners/{partner_id}",
                                    {"csrf": self.csrf(), "name": "Baltic Wire Service",
                                     "url": "ftp://balticwire.example/"})
        self.assertEqual(status, 422, body[:1000])
        self.assertIn("Home page", parse_html(body).find("p", cls="form-message").text)
        self.assertEqual(form_fields(body, action=f"/admin/partners/{partner_id}")["name"],
                         "Baltic Wire Service")
        self.assertIn("Baltic Wire<", self.server.get(article).text)

        status, _, body = self.post(f"/admin/partners/{partner_id}",
                                    {"csrf": self.csrf(), "name": "Baltic Wire Service",
                                     "url": "https://balticwire.example/en/"})
        self.assertEqual(status, 303, body[:1000])
        page = self.server.get(article).text
        self.assertIn("Baltic Wire Service", page)
        self.assertIn('href="https://balticwire.example/en/"', page)

        rows = self.audit_rows(f"partner:{partner_id}")
        self.assertEqual(len([r for r in rows if "partner.add" in r]), 1, rows)
        update = [r for r in rows if "partner.update" in r]
        self.assertEqual(len(update), 1, rows)
        self.assertIn('"name":"Baltic Wire"', update[0])
        self.assertIn('"name":"Baltic Wire Service"', update[0])

    def test_a_partner_with_a_taken_name_is_refused_with_the_input_kept(self):
        status, _, body = self.post("/admin/partners",
                                    {"csrf": self.csrf(), "name": "Other Agency",
                                     "slug": "other-agency-2"})
        self.assertEqual(status, 422, body[:1000])
        self.assertIn("exists already", parse_html(body).find("p", cls="form-message").text)
        self.assertEqual(form_fields(body, action="/admin/partners")["slug"], "other-agency-2")

    # --- sources ---------------------------------------------------------------------------

    def source_rows(self):
        out = self.cli("source", "list")
        return [line for line in out.splitlines()[1:] if line.strip() and line[0].isdigit()]

    def test_a_test_fetch_shows_the_feed_and_stores_nothing(self):
        zone_id = self.zone_id("other-zone")
        sources_before = self.source_rows()
        zone_before = self.server.get("/other-zone/").text
        body_before = self.feed.body
        self.feed.body = rss(("tf-1", "Icebreaker contract signed"),
                             ("tf-1", "Icebreaker contract signed, corrected"),
                             ("tf-3", "Cable ferry trial begins"))
        try:
            status, _, body = self.post(
                "/admin/sources", {"csrf": self.csrf(), "zone": zone_id, "url": self.feed.url,
                                   "every": "10m", "identity": "guid", "action": "test"})
        finally:
            self.feed.body = body_before
        self.assertEqual(status, 200, body[:1000])
        panel = parse_html(body).find("section", cls="test-fetch")
        text = words(panel)
        self.assertIn("HTTP status 200", text)
        self.assertIn("Items 3", text)
        self.assertIn("Format rss20", text)
        self.assertIn("Feed title Partner", text)
        headlines = [words(li) for li in panel.find("ol", cls="test-headlines").find_all("li")]
        self.assertEqual([h.split(" http")[0] for h in headlines],
                         ["Icebreaker contract signed", "Icebreaker contract signed, corrected",
                          "Cable ferry trial begins"])
        self.assertIn("2 items share an id with another", text)
        self.assertIn("nothing was stored", text)
        self.assertEqual(form_fields(body, action="/admin/sources")["url"], self.feed.url)
        self.assertEqual(self.source_rows(), sources_before)
        zone_after = self.server.get("/other-zone/").text
        self.assertNotIn("Icebreaker contract", zone_after)
        self.assertEqual(zone_after.count("<article"), zone_before.count("<article"))

    def test_a_failing_test_fetch_says_why(self):
        self.feed.status = 404
        try:
            status, _, body = self.post("/admin/sources",
                                        {"csrf": self.csrf(), "url": self.feed.url,
                                         "action": "test"})
        finally:
            self.feed.status = 200
        self.assertEqual(status, 200, body[:1000])
        panel = parse_html(body).find("section", cls="test-fetch")
        self.assertIn("HTTP 404", words(panel))
        self.assertIn("failed", words(panel.find("h2")))

    def test_a_source_is_added_tested_paused_and_shows_its_history(self):
        zone_id = self.zone_id("other-zone")
        # A bad URL is refused with the input kept.
        status, _, body = self.post("/admin/sources",
                                    {"csrf": self.csrf(), "zone": zone_id, "every": "10m",
                                     "url": "ftp://partner.example/feed", "action": "add"})
        self.assertEqual(status, 422, body[:1000])
        self.assertIn("not an http:// or https:// URL",
                      parse_html(body).find("p", cls="form-message").text)
        self.assertEqual(form_fields(body, action="/admin/sources")["url"],
                         "ftp://partner.example/feed")
        status, _, body = self.post("/admin/sources",
                                    {"csrf": self.csrf(), "zone": zone_id, "every": "soon",
                                     "url": self.feed.url, "action": "add"})
        self.assertEqual(status, 422, body[:1000])
        self.assertIn("Poll every", parse_html(body).find("p", cls="form-message").text)

        url = self.feed.url + "?added"
        status, headers, body = self.post(
            "/admin/sources", {"csrf": self.csrf(), "zone": zone_id, "url": url,
                               "every": "2h", "identity": "link",
                               "headers": "X-Api-Key: secret-value-1", "action": "add"})
        self.assertEqual(status, 303, body[:1000])
        source_id = re.fullmatch(r"/admin/sources/(\d+)\?added=1", headers["Location"]).group(1)
        page = self.get(f"/admin/sources/{source_id}")
        self.assertIn("Nothing delivered yet.", page)
        self.assertNotIn("secret-value-1", page)
        self.assertIn("X-Api-Key", page)
        listing = words(parse_html(self.get("/admin/sources")))
        self.assertIn(url, listing)

        status, _, body = self.post(f"/admin/sources/{source_id}/test", {"csrf": self.csrf()})
        self.assertEqual(status, 200, body[:1000])
        self.assertIn("Harbour reopens after the storm", body)
        self.assertEqual(self.feed.requests[-1].get("X-Api-Key"), "secret-value-1")
        self.assertIn("Nothing delivered yet.", body)
        facts = words(parse_html(body).find("dl", cls="facts"))
        self.assertIn("Last poll never", facts)

        # A real poll (the CLI's) makes a delivery: the history shows it.
        self.cli("source", "poll", source_id)
        page = parse_html(self.get(f"/admin/sources/{source_id}"))
        history = [words(tr) for tr in page.find_all("tr")][1:]
        self.assertEqual(len(history), 1, history)
        self.assertRegex(history[0], r"rss20 \d+ 2 2 0 0 0 0 ok$")

        status, _, body = self.post(f"/admin/sources/{source_id}/pause", {"csrf": self.csrf()})
        self.assertEqual(status, 303, body[:1000])
        facts = words(parse_html(self.get(f"/admin/sources/{source_id}")).find("dl", cls="facts"))
        self.assertIn("Status disabled", facts)
        self.assertIn("Next poll not polled", facts)

        fields = form_fields(self.get(f"/admin/sources/{source_id}"),
                             action=f"/admin/sources/{source_id}")
        self.assertEqual(fields["every"], "2h")
        self.assertEqual(fields["identity"], "link")
        fields["every"] = "30m"
        status, _, body = self.post(f"/admin/sources/{source_id}", fields)
        self.assertEqual(status, 303, body[:1000])

        rows = self.audit_rows(f"source:{source_id}")
        actions = [a for r in rows for a in ("source.add", "source.pause", "source.update")
                   if a in r]
        self.assertEqual(sorted(actions), ["source.add", "source.pause", "source.update"], rows)
        update = next(r for r in rows if "source.update" in r)
        self.assertIn('"every_seconds":7200', update)
        self.assertIn('"every_seconds":1800', update)
        pause = next(r for r in rows if "source.pause" in r)
        self.assertIn('"enabled":true', pause)
        self.assertIn('"enabled":false', pause)
        self.assertNotIn("secret-value-1", " ".join(rows))

    # --- who may --------------------------------------------------------------------------

    GETS = ["/admin/sections", "/admin/sections/new?kind=zone", "/admin/sections/1",
            "/admin/partners", "/admin/partners/1", "/admin/sources", "/admin/sources/1"]
    POSTS = ["/admin/sections", "/admin/sections/preview", "/admin/sections/1",
             "/admin/partners", "/admin/partners/1", "/admin/sources", "/admin/sources/1",
             "/admin/sources/1/pause", "/admin/sources/1/resume", "/admin/sources/1/test"]

    def state(self):
        """What the refused requests below would change."""
        return (self.cli("zone", "list"), self.cli("section", "list"),
                self.cli("partner", "list"), self.cli("source", "list"))

    def hostile_fields(self):
        return {"slug": "hostile", "title": "Hostile", "name": "Hostile", "partner":
                "other-agency", "disclaimer": "Hostile words", "url": self.feed.url,
                "zone": "1", "action": "save"}

    def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(self):
        self.cli("source", "add", "--zone", "other-zone", "--url", self.feed.url + "?anon")
        before = self.state()
        for path in self.GETS:
            with self.subTest(path=path):
                status, headers, _ = self.client.get(path)
                self.assertEqual(status, 303)
                self.assertEqual(headers["Location"], "/admin/login")
        for path in self.POSTS:
            with self.subTest(path=path):
                status, _, _ = self.client.post(path, self.hostile_fields())
                self.assertEqual(status, 401)
        self.assertEqual(self.state(), before)

    def test_partners_are_refused_everywhere_and_change_nothing(self):
        self.cli("source", "add", "--zone", "china-news-zone", "--url", self.feed.url + "?pdo")
        before = self.state()
        partner_csrf = self.client.csrf(self.pdo, "/partner/")
        for path in self.GETS:
            with self.subTest(path=path):
                status, _, body = self.client.get(path, self.pdo)
                self.assertEqual(status, 403, body[:500])
        for path in self.POSTS:
            with self.subTest(path=path):
                fields = dict(self.hostile_fields(), csrf=partner_csrf)
                status, _, _ = self.client.post(path, fields, self.pdo)
                self.assertEqual(status, 403)
        self.assertEqual(self.state(), before)
        self.assertNotIn("Hostile words", self.server.get(
            self.reader_article("china-news-zone")).text)

    def test_a_post_without_the_csrf_token_is_refused(self):
        self.cli("source", "add", "--zone", "other-zone", "--url", self.feed.url + "?csrf")
        before = self.state()
        for session in (self.editor, self.admin):
            for path in self.POSTS:
                with self.subTest(path=path):
                    status, _, _ = self.client.post(path, self.hostile_fields(), session)
                    self.assertEqual(status, 403)
                    status, _, _ = self.client.post(
                        path, dict(self.hostile_fields(), csrf="not-the-token"), session)
                    self.assertEqual(status, 403)
        self.assertEqual(self.state(), before)

    def test_admins_may_use_the_pages_too_and_the_navigation_names_them(self):
        for session in (self.admin, self.editor):
            body = self.get("/admin/sections", session)
            nav = parse_html(body).find("nav", cls="site-nav")
            links = [a.get("href") for a in nav.find_all("a")]
            for path in ("/admin/sections", "/admin/partners", "/admin/sources"):
                self.assertIn(path, links)
                self.get(path, session)
            current = nav.find("a", href="/admin/sections")
            self.assertEqual(current.get("aria-current"), "page")


if __name__ == "__main__":
    unittest.main()
