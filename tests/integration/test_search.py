"""Search (issue 5) through the real server: /search and /api/v1/search, filters, Finnish
and Chinese text, withdrawn and pending articles, bad queries, `newszone reindex` while the
server runs, and the catch-up of changes made while it was stopped."""

import json
import os
import re
import tempfile
import unittest
import urllib.parse

from nzserver import (DemoSiteTestCase, NzServer, article_json_line, parse_html, run_cli,
                      wait_until)

ARTICLES = [
    article_json_line("news", "s:ferry", "Ferry strike halts Helsinki harbour traffic",
                      "2026-11-20T08:00:00Z",
                      ["Crews walked out on Monday, and the harbour fell silent.",
                       "The strike also hit freight to Tallinn."],
                      standfirst="Thousands of passengers were stranded."),
    article_json_line("news", "s:budget", "Parliament passes the budget",
                      "2026-10-01T08:00:00Z", ["The vote was close; the opposition objected."]),
    article_json_line("news", "s:fi", "Kaupunginvaltuusto päätti talousarviosta",
                      "2026-11-02T08:00:00Z",
                      ["Valtuuston kokous pidettiin Helsingissä maanantaina."], language="fi"),
    article_json_line("china-news-zone", "s:zh", "中国经济增长保持稳定",
                      "2026-11-10T08:00:00Z", ["国家统计局发布了最新的经济数据。"], language="zh"),
    article_json_line("china-news-zone", "s:trade", "China and Finland expand harbour trade",
                      "2026-11-15T08:00:00Z",
                      ["Ports in Helsinki and Shanghai signed a cooperation deal."],
                      topics=["country:CN"]),
    article_json_line("news", "s:pending", "Secret harbour plan awaits review",
                      "2026-11-21T08:00:00Z", ["Not yet public."], status="pending"),
]


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-search-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        cls.cli("import", "-", input="\n".join(ARTICLES))
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"})
        cls.server.start()
        # The index catches up from the store within a second or two of the start.
        if not wait_until(lambda: cls.api("harbour")["total_estimate"] >= 2, timeout=30):
            raise AssertionError("the index never caught up:\n" + cls.server.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, *args, input=None):
        code, out, err = run_cli(list(args), data_dir=cls.data, input=input)
        if code != 0:
            raise AssertionError(f"newszone {' '.join(args)}: {err}")
        return out

    @classmethod
    def api(cls, q, **params):
        query = urllib.parse.urlencode({"q": q, **params})
        response = cls.server.get("/api/v1/search?" + query)
        if response.status != 200:
            raise AssertionError(f"{query}: {response.status} {response.text[:300]}")
        return json.loads(response.text)

    def headlines(self, q, **params):
        return [r["headline"] for r in self.api(q, **params)["results"]]

    def page(self, q, **params):
        response = self.server.get("/search?" + urllib.parse.urlencode({"q": q, **params}))
        self.assertEqual(response.status, 200, response.text[:300])
        return response.text

    def test_a_search_page_lists_matches_with_marked_snippets_and_partner_labels(self):
        html = self.page("harbour")
        doc = parse_html(html)
        results = doc.find("ol", cls="search-results")
        self.assertIsNotNone(results, html[:2000])
        items = results.find_all("li")
        headlines = [item.find("h2").text.strip() for item in items]
        self.assertIn("Ferry strike halts Helsinki harbour traffic", headlines)
        self.assertIn("China and Finland expand harbour trade", headlines)
        self.assertNotIn("Secret harbour plan awaits review", headlines)  # pending
        for item in items:
            snippet = item.find("p", cls="item-snippet")
            self.assertIsNotNone(snippet)
            if "Ferry" in item.find("h2").text:  # the word is in its body: marked there
                self.assertEqual(snippet.find("mark").text.lower(), "harbour")
            zone_item = "China and Finland" in item.find("h2").text
            badge = item.find("span", cls="partner-badge")
            self.assertEqual(badge is not None, zone_item, item.find("h2").text)
            if zone_item:
                self.assertIn("People's Daily Online", badge.text)
        self.assertRegex(doc.find("p", cls="search-count").text, r"About 2 results for")
        self.assertIn('name="robots" content="noindex"', html)

    def test_the_api_answers_the_same_with_the_partner_named(self):
        answer = self.api("harbour")
        self.assertEqual(answer["query"], "harbour")
        by_headline = {r["headline"]: r for r in answer["results"]}
        zone = by_headline["China and Finland expand harbour trade"]
        self.assertEqual(zone["partner"]["name"], "People's Daily Online")
        self.assertEqual(zone["section"]["slug"], "china-news-zone")
        ferry = by_headline["Ferry strike halts Helsinki harbour traffic"]
        self.assertIsNone(ferry["partner"])
        self.assertIn("<mark>harbour</mark>", ferry["snippet_html"])
        page_links = re.findall(r'<h2 class="item-headline"><a href="([^"]+)"',
                                self.page("harbour"))
        self.assertEqual(page_links, [urllib.parse.urlsplit(r["url"]).path
                                      for r in answer["results"]])

    def test_words_in_standfirst_body_and_word_forms_are_found(self):
        self.assertEqual(self.headlines("stranded"),
                         ["Ferry strike halts Helsinki harbour traffic"])  # standfirst
        self.assertEqual(self.headlines("tallinn freight"),
                         ["Ferry strike halts Helsinki harbour traffic"])  # body, both words
        self.assertEqual(self.headlines("objecting"), ["Parliament passes the budget"])
        self.assertEqual(self.headlines('"harbour traffic"'),
                         ["Ferry strike halts Helsinki harbour traffic"])
        self.assertEqual(self.headlines("harbour -ferry"),
                         ["China and Finland expand harbour trade"])

    def test_finnish_and_chinese(self):
        self.assertEqual(self.headlines("talousarvion"), ["Kaupunginvaltuusto päätti talousarviosta"])
        self.assertEqual(self.headlines("valtuusto"), ["Kaupunginvaltuusto päätti talousarviosta"])
        self.assertEqual(self.headlines("经济"), ["中国经济增长保持稳定"])
        self.assertIn("<mark>", self.api("统计局")["results"][0]["snippet_html"])

    def test_filters_by_section_topic_and_date(self):
        self.assertEqual(self.headlines("harbour", section="news"),
                         ["Ferry strike halts Helsinki harbour traffic"])
        self.assertEqual(self.headlines("harbour", section="china-news-zone"),
                         ["China and Finland expand harbour trade"])
        self.assertEqual(self.headlines("harbour", topic="china"),
                         ["China and Finland expand harbour trade"])
        self.assertEqual(self.headlines("harbour", **{"from": "2026-11-18"}),
                         ["Ferry strike halts Helsinki harbour traffic"])
        self.assertEqual(self.headlines("harbour", to="2026-11-15"),
                         ["China and Finland expand harbour trade"])
        # The filter form keeps what was chosen.
        html = self.page("harbour", section="news")
        self.assertRegex(html, r'<option value="news" selected>')

    def test_filters_that_name_nothing_are_left_out_and_said_so(self):
        answer = self.api("harbour", section="no-such-section", to="2026-13-45", page="x")
        self.assertEqual(len(answer["results"]), 2)
        notices = " ".join(answer["notices"])
        self.assertIn("no-such-section", notices)
        self.assertIn("2026-13-45", notices)
        self.assertIn("page number", notices)

    def test_no_results_say_so_and_suggest_a_spelling(self):
        html = self.page("harbur")
        doc = parse_html(html)
        self.assertIn("No stories match", doc.find("div", cls="no-results").text)
        suggestion = doc.find("p", cls="search-suggestion")
        self.assertIsNotNone(suggestion, html[:3000])
        link = suggestion.find("a")
        self.assertEqual(link.text, "harbour")
        followed = self.server.get(link.get("href").replace("&amp;", "&"))
        self.assertIn("Ferry strike halts Helsinki harbour traffic", followed.text)

    def test_bad_queries_get_an_answer_never_an_error(self):
        for q in ['"harbour', "harbour AND", "AND", "(((", "NOT", "headline:", "*", "\\",
                  "harbour" + " x" * 1500, "<script>alert(1)</script>", "' OR 1=1 --"]:
            response = self.server.get("/search?" + urllib.parse.urlencode({"q": q}))
            self.assertEqual(response.status, 200, q[:40])
            self.assertNotIn("<script>alert", response.text)
            api = self.server.get("/api/v1/search?" + urllib.parse.urlencode({"q": q}))
            self.assertEqual(api.status, 200, q[:40])
            json.loads(api.text)
        long = self.api("harbour" + " harbour" * 200)
        self.assertTrue(any("500" in n for n in long["notices"]), long["notices"])
        self.assertEqual(len(self.api("harbour AND")["results"]), 2)

    def test_an_empty_search_shows_the_form_and_help(self):
        html = self.page("")
        self.assertIn('class="search-form"', html)
        self.assertIn('class="search-help"', html)
        self.assertNotIn("No stories match", html)


class SearchFollowsTheStoreTest(DemoSiteTestCase):
    """Changes reach the index while the server runs, after it restarts, and through a
    rebuild that never stops searching."""

    prefix = "nz-search-follow-"

    def found(self, server, q):
        response = server.get("/api/v1/search?" + urllib.parse.urlencode({"q": q}))
        self.assertEqual(response.status, 200)
        return [r["headline"] for r in json.loads(response.text)["results"]]

    def test_withdrawn_articles_leave_results_and_new_ones_arrive(self):
        line = article_json_line("news", "f:1", "Lighthouse keeper retires", "2026-11-01T08:00:00Z")
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.cli("import", "-", input=line)
            self.assertTrue(wait_until(lambda: self.found(server, "lighthouse"), timeout=15))
            withdrawn = json.loads(line)
            withdrawn["status"] = "withdrawn"
            self.cli("import", "-", input=json.dumps(withdrawn))
            # Never shown once withdrawn: the page checks each hit against the store at once,
            # and the index drops it within a second or two.
            self.assertEqual(self.found(server, "lighthouse"), [])
            self.assertTrue(wait_until(
                lambda: json.loads(server.get("/api/v1/search?q=lighthouse").text)
                ["total_estimate"] == 0, timeout=15))

    def test_changes_made_while_stopped_are_searchable_after_a_restart(self):
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(wait_until(lambda: self.found(server, "samarkand"), timeout=15))
        self.cli("import", "-", input=article_json_line(
            "news", "f:2", "Observatory opens to visitors", "2026-11-02T08:00:00Z"))
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(wait_until(lambda: self.found(server, "observatory"), timeout=15),
                            server.stderr)
            # The index commits the change before the follower logs that it is ready, so a
            # search can find the article a moment before the line is written.
            self.assertTrue(wait_until(lambda: "search index ready" in server.stderr, timeout=5),
                            server.stderr)

    def test_an_unreadable_index_is_rebuilt_at_start(self):
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(wait_until(lambda: self.found(server, "samarkand"), timeout=15))
        current = os.path.join(self.data, "search", "current")
        for name in os.listdir(current):  # a disk that returned garbage
            with open(os.path.join(current, name), "wb") as f:
                f.write(b"\x00garbage" * 10)
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(wait_until(lambda: self.found(server, "samarkand"), timeout=15),
                            server.stderr)
            self.assertTrue(wait_until(lambda: "search index unreadable" in server.stderr,
                                       timeout=5), server.stderr)

    def test_reindex_rebuilds_while_the_server_keeps_answering(self):
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(wait_until(lambda: self.found(server, "samarkand"), timeout=15))
            before = os.readlink(os.path.join(self.data, "search", "current"))
            out = self.cli("reindex")
            self.assertRegex(out, r"search index rebuilt in .*: \d+ searchable articles of \d+")
            after = os.readlink(os.path.join(self.data, "search", "current"))
            self.assertNotEqual(before, after)
            self.assertTrue(self.found(server, "samarkand"))
            self.assertTrue(wait_until(lambda: "now using" in server.stderr, timeout=15))
            self.cli("import", "-", input=article_json_line(
                "news", "f:3", "Glacier survey published", "2026-11-03T08:00:00Z"))
            self.assertTrue(wait_until(lambda: self.found(server, "glacier"), timeout=15))
            self.assertTrue(self.found(server, "samarkand"))


if __name__ == "__main__":
    unittest.main()
