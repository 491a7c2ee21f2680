"""Moderation (issue 8): the queue at /admin/queue, the article search at /admin/articles, the
article view at /admin/articles/{id} with its versions, diff and forms, and the partner
portal's read-only /partner/articles, driven as a browser would against the real server.

The site is test_admin_auth's (People's Daily Online with user pdo@example.org, Other Agency
with other@example.org, an admin and an editor) plus a zone of each partner whose moderation
is hold-for-review: "review-zone" (People's Daily Online) and "other-review" (Other Agency).
Articles arrive as a partner's CMS sends them: pushed to /api/v1/zones/{zone}/articles with
an API token.
"""

import json
import os
import re
import tempfile
import unittest
import urllib.parse

from nzserver import NzServer, parse_html, run_cli
from test_admin_auth import Client, make_site

ATTRIBUTION = "This page is provided in cooperation with People's Daily Online."


def ninjs(guid, headline, body="<p>Talks between the two ports went on all week.</p>",
          summary=None):
    item = {"uri": guid, "headline": headline, "body_html": body,
            "versioncreated": "2026-11-27T08:00:00Z", "language": "en"}
    if summary:
        item["description_text"] = summary
    return json.dumps(item)


class ModerationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-moderation-")
        cls.data = os.path.join(cls.tmp.name, "data")
        make_site(cls.data)
        for args in (["zone", "add", "--slug", "review-zone", "--title", "Review Zone",
                      "--partner", "peoples-daily-online", "--moderation", "hold-for-review"],
                     ["zone", "add", "--slug", "other-review", "--title", "Other Review",
                      "--partner", "other-agency", "--moderation", "hold-for-review"]):
            code, _, err = run_cli(args, data_dir=cls.data)
            assert code == 0, err
        cls.tokens = {}
        for partner in ("peoples-daily-online", "other-agency"):
            code, out, err = run_cli(["token", "create", "--partner", partner, "--name", "cms"],
                                     data_dir=cls.data)
            assert code == 0, err
            cls.tokens[partner] = out.strip()
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"}).start()
        cls.client = Client(cls.server)
        cls.editor = cls.client.sign_in("editor@example.org")
        cls.admin = cls.client.sign_in("admin@example.org")
        cls.pdo = cls.client.sign_in("pdo@example.org")
        cls.other = cls.client.sign_in("other@example.org")
        cls.count = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    # --- helpers ---------------------------------------------------------------------------

    def push(self, headline, zone="review-zone", partner="peoples-daily-online", **kw):
        """Pushes one article as the partner's CMS; returns (id, reader path)."""
        type(self).count += 1
        guid = f"urn:moderation:{self.count}"
        resp = self.server.request("POST", f"/api/v1/zones/{zone}/articles",
                                   headers={"Content-Type": "application/json",
                                            "Authorization": "Bearer " + self.tokens[partner]},
                                   body=ninjs(guid, headline, **kw))
        self.assertEqual(resp.status, 201, resp.text)
        [item] = resp.json()["items"]
        self.assertEqual(item["article_status"], "pending")
        return item["id"], urllib.parse.urlsplit(item["url"]).path

    def get(self, path, session, expect=200):
        status, headers, body = self.client.get(path, session)
        self.assertEqual(status, expect, f"GET {path}: {body[:800]}")
        return body

    def csrf(self, session, path="/admin/"):
        return self.client.csrf(session, path)

    def post(self, path, fields, session=None, csrf=True):
        """POSTs a form (a dict or a list of pairs), with the session's CSRF token unless told."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf and session:
            pairs.append(("csrf", self.csrf(session)))
        status, headers, body = self.client.post(path, pairs, session)
        return status, headers, body

    def act(self, article_id, action, session=None, expect=303, **fields):
        status, headers, body = self.post(f"/admin/articles/{article_id}/{action}", fields,
                                          session or self.editor)
        self.assertEqual(status, expect, body[:1500])
        return headers, body

    def status_of(self, article_id):
        """The article's status as the admin's article view shows it."""
        body = self.get(f"/admin/articles/{article_id}", self.editor)
        match = re.search(r'<span class="status status-[a-z-]+">([a-z ]+)</span>', body)
        self.assertIsNotNone(match, body[:2000])
        return match.group(1)

    def audit(self):
        body = self.get("/admin/audit", self.admin)
        return [" ".join(tr.text.split()) for tr in parse_html(body).find_all("tr")]

    def audit_of(self, article_id, action):
        return [r for r in self.audit() if action in r and f"article:{article_id} " in r + " "]

    def reader(self, path, expect):
        resp = self.server.get(path)
        self.assertEqual(resp.status, expect, f"GET {path}: {resp.text[:500]}")
        return resp

    def queue_headlines(self, session=None, query=""):
        body = self.get("/admin/queue" + query, session or self.editor)
        table = parse_html(body).find("table")
        return [a.text.strip() for a in table.find_all("a")] if table else [], body

    # --- the queue -------------------------------------------------------------------------

    def test_a_held_article_waits_in_the_queue_and_not_on_the_reader_pages(self):
        article_id, path = self.push("Harbour talks resume in Qingdao")
        headlines, body = self.queue_headlines()
        self.assertIn("Harbour talks resume in Qingdao", headlines)
        self.assertRegex(body, r">Queue \(\d+\)<", "the navigation counts the queue")
        row = next(tr for tr in parse_html(body).find_all("tr")
                   if "Harbour talks resume in Qingdao" in tr.text)
        text = " ".join(row.text.split())
        self.assertIn("Review Zone", text)
        self.assertIn("People's Daily Online", text)
        self.assertRegex(text, r"\d{4}-\d\d-\d\d \d\d:\d\d")
        self.assertIsNotNone(row.find("a", href=f"/admin/articles/{article_id}"))
        # The dashboard counts it against its zone, with a link to that zone's queue.
        dashboard = parse_html(self.get("/admin/", self.editor))
        zone_row = next(tr for tr in dashboard.find_all("tr") if "Review Zone" in tr.text)
        link = zone_row.find("a", href="/admin/queue?zone=review-zone")
        self.assertIsNotNone(link, "the zone's waiting count links to its queue")
        self.assertGreaterEqual(int(link.text), 1)
        # Filtered by another zone, it is not there.
        other, _ = self.queue_headlines(query="?zone=other-review")
        self.assertNotIn("Harbour talks resume in Qingdao", other)
        self.reader(path, 404)
        self.assertNotIn("Harbour talks resume in Qingdao", self.reader("/review-zone/", 200).text)
        # The partner sees it as pending in the portal.
        mine = self.get("/partner/articles", self.pdo)
        row = next(tr for tr in parse_html(mine).find_all("tr")
                   if "Harbour talks resume in Qingdao" in tr.text)
        self.assertIn("pending", row.text)

    def test_an_editor_edits_the_headline_and_publishes_and_readers_see_it_labelled(self):
        article_id, path = self.push("Port stats publshed", summary="Numbers for the month.")
        self.act(article_id, "edit", headline="Port statistics published",
                 standfirst="Numbers for the month of November.", publish="1")
        page = self.reader(path, 200).text
        doc = parse_html(page)
        self.assertEqual(doc.find("h1").text.strip(), "Port statistics published")
        self.assertEqual(" ".join(doc.find("p", cls="attribution").text.split()), ATTRIBUTION)
        self.assertEqual(doc.find("p", cls="zone-name").text.strip(), "Review Zone")
        self.assertEqual(self.status_of(article_id), "published")
        headlines, _ = self.queue_headlines()
        self.assertNotIn("Port statistics published", headlines)

        # Both versions are listed, the edit as the editor's, and the diff shows the change.
        view = self.get(f"/admin/articles/{article_id}", self.editor)
        rows = [" ".join(tr.text.split()) for tr in parse_html(view).find(id="versions")
                .find_all("tr")][1:]
        self.assertEqual(len(rows), 2, rows)
        self.assertIn("edited by editor@example.org", rows[0])
        self.assertIn("Port statistics published", rows[0])
        self.assertIn("delivered", rows[1])
        diff = parse_html(view).find(id="diff")
        self.assertEqual([d.text for d in diff.find_all("del")][1:],
                         ["stats publshed", "month."])
        self.assertEqual([i.text for i in diff.find_all("ins")][1:],
                         ["statistics published", "month of November."])

        # The audit log has the edit and the approval, each with before and after.
        [edit] = self.audit_of(article_id, "article.edit")
        self.assertIn('"headline":"Port stats publshed"', edit)
        self.assertIn('"headline":"Port statistics published"', edit)
        self.assertIn("editor@example.org", edit)
        [approve] = self.audit_of(article_id, "article.approve")
        self.assertIn('"status":"pending"', approve)
        self.assertIn('"status":"published"', approve)

        # The partner sees the versions and the diff, read-only, without the editor's address.
        portal = self.get(f"/partner/articles/{article_id}", self.pdo)
        self.assertIn("Port statistics published", portal)
        self.assertIn("edited by ", portal)
        self.assertNotIn("editor@example.org", portal.replace("Signed in as", ""))
        self.assertIn("<ins>statistics published</ins>", portal)
        self.assertNotIn('action="/admin/articles', portal)
        self.assertNotIn("<form class=\"admin-form", portal)

    def test_the_diff_compares_any_two_versions_picked_in_a_get_form(self):
        article_id, _ = self.push("First words", body="<p>One two three.</p>", summary="Kept.")
        self.act(article_id, "edit", headline="Second words", standfirst="Kept.")
        self.act(article_id, "edit", headline="Third words", standfirst="Kept.")
        view = self.get(f"/admin/articles/{article_id}?from=1&to=3", self.editor)
        diff = parse_html(view).find(id="diff")
        self.assertEqual([d.text for d in diff.find_all("del")][1:], ["First"])
        self.assertEqual([i.text for i in diff.find_all("ins")][1:], ["Third"])
        self.assertIn("From version 1 to version 3", " ".join(diff.text.split()))
        bad = self.get(f"/admin/articles/{article_id}?from=9&to=1", self.editor)
        self.assertIn("Pick two of the versions listed.", bad)

    def test_a_rejected_article_shows_its_reason_to_its_partner_and_is_404_to_readers(self):
        article_id, path = self.push("Unverified claims about the port")
        # A reason is required: without one nothing changes.
        _, body = self.act(article_id, "reject", expect=422, reason="   ")
        self.assertIn("Give a reason", body)
        self.assertEqual(self.status_of(article_id), "pending")
        self.act(article_id, "reject", reason="Claims could not be verified")
        self.assertEqual(self.status_of(article_id), "rejected")
        self.reader(path, 404)
        mine = self.get("/partner/articles", self.pdo)
        row = next(tr for tr in parse_html(mine).find_all("tr")
                   if "Unverified claims about the port" in tr.text)
        self.assertIn("rejected", row.text)
        self.assertIn("Claims could not be verified", row.text)
        detail = self.get(f"/partner/articles/{article_id}", self.pdo)
        self.assertIn("Claims could not be verified", detail)
        [reject] = self.audit_of(article_id, "article.reject")
        self.assertIn('"reason":"Claims could not be verified"', reject)
        # A rejected article is not withdrawn: restoring is refused, approving is allowed.
        _, body = self.act(article_id, "restore", expect=409)
        self.assertIn("approve it instead", body)

    def test_bulk_approve_of_two_and_bulk_reject_without_reason(self):
        first, first_path = self.push("Bulk story one")
        second, second_path = self.push("Bulk story two")
        status, _, body = self.post("/admin/queue", [("id", first), ("id", second),
                                                     ("action", "reject"), ("reason", "")],
                                    self.editor)
        self.assertEqual(status, 422, body[:500])
        self.assertIn("Give a reason", body)
        self.assertRegex(body, rf'value="{first}"[^>]*checked', "the ticks are kept")
        self.assertEqual(self.status_of(first), "pending")
        status, headers, body = self.post("/admin/queue", [("id", first), ("id", second),
                                                           ("action", "approve")], self.editor)
        self.assertEqual(status, 303, body[:500])
        self.assertIn("done=approve&count=2", headers["Location"])
        notice = self.get(headers["Location"], self.editor)
        self.assertIn("2 articles approved and published.", notice)
        self.reader(first_path, 200)
        self.reader(second_path, 200)
        self.assertEqual(len(self.audit_of(first, "article.approve")), 1)
        self.assertEqual(len(self.audit_of(second, "article.approve")), 1)

    def test_a_bulk_action_is_all_or_nothing(self):
        waiting, waiting_path = self.push("Bulk waiting story")
        done, _ = self.push("Bulk already approved story")
        self.act(done, "approve")
        status, _, body = self.post("/admin/queue", [("id", waiting), ("id", done),
                                                     ("action", "approve")], self.editor)
        self.assertEqual(status, 409, body[:500])
        self.assertIn("Nothing was changed", body)
        self.assertEqual(self.status_of(waiting), "pending")
        self.reader(waiting_path, 404)
        self.assertEqual(self.audit_of(waiting, "article.approve"), [])

    def test_one_row_approves_with_its_own_button(self):
        article_id, path = self.push("Single approve story")
        status, headers, _ = self.post("/admin/queue", {"approve_one": article_id}, self.editor)
        self.assertEqual(status, 303)
        self.reader(path, 200)

    # --- withdraw, restore, edits of a published article -----------------------------------

    def test_withdraw_and_restore_change_the_reader_page_at_once(self):
        article_id, path = self.push("Withdraw me later")
        self.act(article_id, "approve")
        self.reader(path, 200)
        self.assertEqual(self.reader(path, 200).header("X-Cache"), "hit", "the page is cached")
        _, body = self.act(article_id, "withdraw", expect=422, reason="")
        self.reader(path, 200)
        self.act(article_id, "withdraw", reason="Legal asked us to")
        self.reader(path, 410)
        self.assertEqual(self.status_of(article_id), "withdrawn")
        self.act(article_id, "restore")
        self.reader(path, 200)
        [withdraw] = self.audit_of(article_id, "article.withdraw")
        self.assertIn('"reason":"Legal asked us to"', withdraw)
        self.assertEqual(len(self.audit_of(article_id, "article.restore")), 1)

    def test_an_edit_of_a_published_article_shows_at_once_and_survives_the_partner_resending(self):
        article_id, path = self.push("Cached headline before")
        self.act(article_id, "approve")
        self.reader(path, 200)
        self.assertEqual(self.reader(path, 200).header("X-Cache"), "hit")
        self.act(article_id, "edit", headline="Cached headline after", standfirst="")
        self.assertIn("Cached headline after", self.reader(path, 200).text)
        # The partner's CMS sends the same item again: the editor's headline stays.
        guid = f"urn:moderation:{self.count}"
        resp = self.server.request(
            "POST", "/api/v1/zones/review-zone/articles",
            headers={"Content-Type": "application/json",
                     "Authorization": "Bearer " + self.tokens["peoples-daily-online"]},
            body=ninjs(guid, "Cached headline before"))
        self.assertEqual(resp.json()["items"][0]["status"], "unchanged", resp.text)
        self.assertIn("Cached headline after", self.reader(path, 200).text)

    # --- topics ----------------------------------------------------------------------------

    def test_topics_are_added_and_removed_and_audited(self):
        article_id, path = self.push("A story about trade")
        self.act(article_id, "approve")
        self.act(article_id, "tags", topic="Finland")
        view = parse_html(self.get(f"/admin/articles/{article_id}", self.editor))
        links = [a for a in view.find_all("a") if a.text.strip() == "Finland"]
        self.assertTrue(links, "the topic is listed")
        self.assertIn("Finland", self.reader(path, 200).text)
        form = next(f for f in view.find_all("form") if "/tags/" in f.get("action", ""))
        _, body = self.act(article_id, "tags", expect=422, topic="Narnia")
        doc = parse_html(body)
        self.assertIn('no topic "Narnia"', doc.find("p", cls="form-message").text)
        self.assertEqual(doc.find("input", id="add-topic").get("value"), "Narnia",
                         "the input is kept")
        self.assertEqual(doc.find("input", id="edit-headline").get("value"),
                         "A story about trade", "the other form shows the stored text")
        status, _, _ = self.post(form.get("action"), {}, self.editor)
        self.assertEqual(status, 303)
        view = parse_html(self.get(f"/admin/articles/{article_id}", self.editor))
        self.assertFalse([a for a in view.find_all("a") if a.text.strip() == "Finland"])
        [tag] = self.audit_of(article_id, "article.tag")
        self.assertIn('"topics":["finland"]', tag)
        [untag] = self.audit_of(article_id, "article.untag")
        self.assertIn('"topics":[]', untag)

    # --- the article search ----------------------------------------------------------------

    def test_articles_are_found_by_zone_status_and_headline(self):
        self.push("Findable lighthouse story")
        body = self.get("/admin/articles?q=LIGHTHOUSE&status=pending&zone=review-zone",
                        self.editor)
        table = parse_html(body).find("table")
        self.assertEqual([a.text.strip() for a in table.find_all("a")],
                         ["Findable lighthouse story"])
        body = self.get("/admin/articles?q=lighthouse&status=published", self.editor)
        self.assertIn("No article matches.", body)
        self.get("/admin/articles?status=nonsense", self.editor, expect=400)

    # --- who may do what -------------------------------------------------------------------

    def test_a_partner_of_another_zone_learns_nothing_and_changes_nothing(self):
        article_id, _ = self.push("Private to People's Daily")
        for path in (f"/partner/articles/{article_id}", "/partner/articles?zone=review-zone"):
            status, _, body = self.client.get(path, self.other)
            self.assertEqual(status, 404, path)
            self.assertNotIn("Private to People", body)
        missing = self.client.get("/partner/articles/999999", self.other)[2]
        theirs = self.client.get(f"/partner/articles/{article_id}", self.other)[2]
        self.assertIn("There is no such article.", theirs)
        self.assertEqual(theirs, missing, "another partner's article reads as a missing one")
        listing = self.get("/partner/articles", self.other)
        self.assertNotIn("Private to People", listing)
        # Their own article in their own zone is theirs to see.
        own, _ = self.push("Other agency story", zone="other-review", partner="other-agency")
        self.assertIn("Other agency story", self.get(f"/partner/articles/{own}", self.other))
        self.assertNotIn("Other agency story", self.get("/partner/articles", self.pdo))
        self.assertEqual(self.client.get(f"/partner/articles/{own}", self.pdo)[0], 404)
        self.assertEqual(self.status_of(article_id), "pending")

    def test_partners_are_refused_every_editor_action(self):
        article_id, path = self.push("Partner cannot approve this")
        for session in (self.pdo, self.other):
            for action, fields in (("approve", {}), ("reject", {"reason": "x"}),
                                   ("edit", {"headline": "Hacked", "publish": "1"}),
                                   ("tags", {"topic": "china"})):
                status, _, _ = self.post(f"/admin/articles/{article_id}/{action}", fields,
                                         session, csrf=False)
                self.assertEqual(status, 403, action)
                token = self.csrf(session, "/partner/")
                status, _, _ = self.client.post(f"/admin/articles/{article_id}/{action}",
                                                {**fields, "csrf": token}, session)
                self.assertEqual(status, 403, action)
            status, _, _ = self.client.post(
                "/admin/queue", {"id": article_id, "action": "approve",
                                 "csrf": self.csrf(session, "/partner/")}, session)
            self.assertEqual(status, 403)
            for page in ("/admin/queue", "/admin/articles", f"/admin/articles/{article_id}"):
                self.assertEqual(self.client.get(page, session)[0], 403, page)
        self.assertEqual(self.status_of(article_id), "pending")
        self.assertNotIn("Hacked", self.get(f"/admin/articles/{article_id}", self.editor))
        self.reader(path, 404)

    def test_staff_are_refused_the_partner_pages(self):
        article_id, _ = self.push("Staff use the admin")
        for session in (self.editor, self.admin):
            for page in ("/partner/articles", f"/partner/articles/{article_id}"):
                self.assertEqual(self.client.get(page, session)[0], 403, page)

    def test_anonymous_requests_are_sent_to_sign_in_or_refused(self):
        article_id, path = self.push("Anonymous cannot approve this")
        for page in ("/admin/queue", "/admin/articles", f"/admin/articles/{article_id}",
                     "/partner/articles", f"/partner/articles/{article_id}"):
            status, headers, _ = self.client.get(page)
            self.assertEqual(status, 303, page)
            self.assertEqual(headers["Location"], "/admin/login")
        for target, fields in (("/admin/queue", {"id": article_id, "action": "approve"}),
                               (f"/admin/articles/{article_id}/approve", {}),
                               (f"/admin/articles/{article_id}/tags", {"topic": "china"})):
            status, _, _ = self.client.post(target, fields)
            self.assertEqual(status, 401, target)
        self.assertEqual(self.status_of(article_id), "pending")
        self.reader(path, 404)

    def test_a_post_without_the_csrf_token_or_from_another_origin_changes_nothing(self):
        article_id, path = self.push("CSRF cannot approve this")
        for target, fields in (("/admin/queue", {"id": article_id, "action": "approve"}),
                               (f"/admin/articles/{article_id}/approve", {}),
                               (f"/admin/articles/{article_id}/edit",
                                {"headline": "Forged", "publish": "1"}),
                               (f"/admin/articles/{article_id}/tags", {"topic": "china"})):
            status, _, _ = self.client.post(target, fields, self.editor)
            self.assertEqual(status, 403, target)
            status, _, _ = self.client.post(target, {**fields, "csrf": "wrong"}, self.editor)
            self.assertEqual(status, 403, target)
            status, _, _ = self.client.post(target, {**fields, "csrf": self.csrf(self.editor)},
                                            self.editor, origin="https://evil.example")
            self.assertEqual(status, 403, target)
        self.assertEqual(self.status_of(article_id), "pending")
        self.assertNotIn("Forged", self.get(f"/admin/articles/{article_id}", self.editor))
        self.assertEqual(self.audit_of(article_id, "article."), [])
        self.reader(path, 404)

    def test_too_long_input_is_refused_with_the_input_kept(self):
        article_id, _ = self.push("Length limits story")
        long_headline = "Very long " * 40
        _, body = self.act(article_id, "edit", expect=422, headline=long_headline,
                           standfirst="kept standfirst")
        self.assertIn("The headline is too long", body)
        self.assertIn("kept standfirst", body)
        _, body = self.act(article_id, "reject", expect=422, reason="r" * 501)
        self.assertIn("The reason is too long", body)
        self.assertEqual(self.status_of(article_id), "pending")

    def test_unknown_articles_and_actions_are_404(self):
        for path in ("/admin/articles/999999", "/admin/articles/abc"):
            self.assertEqual(self.client.get(path, self.editor)[0], 404, path)
        status, _, _ = self.post("/admin/articles/999999/approve", {}, self.editor)
        self.assertEqual(status, 404)
        article_id, _ = self.push("Unknown action story")
        status, _, _ = self.post(f"/admin/articles/{article_id}/explode", {}, self.editor)
        self.assertEqual(status, 404)


if __name__ == "__main__":
    unittest.main()
