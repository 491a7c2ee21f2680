"""The public pages of the demo site, as a reader's browser sees them."""

import json
import unittest

import nzserver
from nzserver import NzServer, article_links, assert_in_order, datetimes_of, parse_html, run_cli

SEED_GUID = "demo:pdo:xi-sco-samarkand-2022"
ZONE = "china-news-zone"
ATTRIBUTION = "This page is provided in cooperation with People's Daily Online."
DISCLAIMER = ("HELSINKI TIMES does not exercise editorial control over this section and is not "
              "responsible for the topics and content of this section.")
DEMO_ARTICLE_COUNT = 15


def seed_page():
    """The seed page's blocks: zone name, paragraphs..., label, "More News About China"."""
    with open(nzserver.testdata("seed", "china-news-zone-page.txt"), encoding="utf-8") as f:
        text = f.read()
    # Blocks are separated by blank lines. Only newlines are stripped: the last paragraph
    # ends in a no-break space, which is part of it.
    blocks = [b.strip("\n") for b in text.split("\n\n") if b.strip("\n")]
    return blocks


def seed_paragraphs():
    return [nzserver.unescape(p) for p in seed_page()[1:-2]]


def demo_headline(guid):
    with open(f"{nzserver.source_dir()}/src/app/demo/demo_site.json", encoding="utf-8") as f:
        site = json.load(f)
    return next(a["headline"] for a in site["articles"] if a["guid"] == guid)


def main_of(doc):
    main = doc.find("main")
    if main is None:
        raise AssertionError("page has no <main>")
    return main


def list_items(element):
    """(href, element) of each article item of the article lists below `element`."""
    out = []
    for li in element.find_all("li", cls="article-item"):
        a = li.find("h3", cls="item-headline").find("a")
        out.append((a.get("href"), li))
    return out


class DemoSiteTest(unittest.TestCase):
    """Read-only checks against one `serve --demo` server."""

    @classmethod
    def setUpClass(cls):
        cls.server = NzServer(demo=True)
        cls.server.start()
        cls.addClassCleanup(cls.server.cleanup)
        _, doc = cls.server.page(f"/{ZONE}/")
        cls.seed_path = next(href for href, li in list_items(main_of(doc))
                             if li.find("h3").text == demo_headline(SEED_GUID))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def editorial_article_path(self):
        _, doc = self.server.page("/news/")
        links = article_links(main_of(doc))
        self.assertTrue(links, "the news section lists no articles")
        return links[0]

    # --- home -----------------------------------------------------------------------------

    def test_home_lists_both_sections_with_links_to_their_indexes(self):
        _, doc = self.server.page("/")
        headings = {h.find("a").get("href"): h.text.strip()
                    for h in main_of(doc).find_all("h2", cls="section-heading")}
        self.assertEqual(headings.get("/news/"), "Finland")
        self.assertEqual(headings.get(f"/{ZONE}/"), "China News Zone")

    def test_home_lists_the_zones_newest_articles_with_the_partner_named(self):
        _, doc = self.server.page("/")
        zone = main_of(doc).find("section", cls="home-zone")
        self.assertIsNotNone(zone, "no zone block on the home page")
        self.assertIn("Provided by People's Daily Online", zone.text)
        links = article_links(zone)
        self.assertTrue(links)
        self.assertIn(self.seed_path, links)
        for href in links:
            self.assertTrue(href.startswith(f"/{ZONE}/"), href)

    def test_every_article_link_on_home_works(self):
        _, doc = self.server.page("/")
        links = sorted(set(article_links(doc)))
        self.assertGreaterEqual(len(links), 2)
        for href in links:
            with self.subTest(href=href):
                self.assertEqual(self.server.get(href).status, 200)

    # --- indexes ----------------------------------------------------------------------------

    def assert_newest_first(self, path):
        _, doc = self.server.page(path)
        times = datetimes_of(main_of(doc).find("ol", cls="article-list"))
        self.assertGreaterEqual(len(times), 2, f"{path} lists fewer than 2 articles")
        self.assertEqual(times, sorted(times, reverse=True), f"{path} is not newest first")

    def test_zone_index_lists_articles_newest_first(self):
        self.assert_newest_first(f"/{ZONE}/")

    def test_section_index_lists_articles_newest_first(self):
        self.assert_newest_first("/news/")

    def test_topic_page_lists_articles_newest_first(self):
        self.assert_newest_first("/topics/china")

    def test_zone_index_carries_attribution_and_disclaimer(self):
        _, doc = self.server.page(f"/{ZONE}/")
        label = main_of(doc).find("aside", cls="zone-label")
        self.assertIsNotNone(label, "zone index has no zone label")
        self.assertEqual(label.find("p", cls="attribution").text, ATTRIBUTION)
        self.assertEqual(label.find("p", cls="disclaimer").text, DISCLAIMER)

    def test_editorial_section_index_carries_no_zone_label(self):
        _, doc = self.server.page("/news/")
        main = main_of(doc)
        self.assertIsNone(main.find("aside", cls="zone-label"))
        self.assertNotIn(ATTRIBUTION, main.text)
        self.assertNotIn("does not exercise editorial control", main.text)

    def test_section_without_trailing_slash_redirects_permanently(self):
        resp = self.server.get(f"/{ZONE}")
        self.assertEqual(resp.status, 301)
        self.assertEqual(resp.header("Location"), f"/{ZONE}/")

    # --- the seed article -------------------------------------------------------------------

    def test_seed_article_shows_zone_article_label_and_more_news_in_order(self):
        _, doc = self.server.page(self.seed_path)
        main = main_of(doc)
        headline = demo_headline(SEED_GUID)
        self.assertEqual(main.find("h1").text, headline)
        text = "\n".join(main.text_nodes())
        # The partner's name in the attribution is a link to the partner's site: the
        # paragraph's text nodes are one line of the seed.
        attribution = main.find("p", cls="attribution")
        text = text.replace("\n".join(attribution.text_nodes()), attribution.text)
        blocks = seed_page()
        self.assertEqual(blocks[0], "China News Zone")
        self.assertEqual(blocks[-1], "More News About China")
        assert_in_order(self, text,
                        ["China News Zone", headline] + seed_paragraphs() +
                        [ATTRIBUTION, DISCLAIMER, "More News About China"])
        # The label lines are the seed's own.
        self.assertEqual(blocks[-2], ATTRIBUTION + "\n" + DISCLAIMER)

    def test_seed_article_body_is_the_seed_paragraphs_unchanged(self):
        _, doc = self.server.page(self.seed_path)
        body = main_of(doc).find("div", cls="story-body")
        paragraphs = [p.text for p in body.find_all("p")]
        self.assertEqual(paragraphs, seed_paragraphs())

    def test_seed_article_more_news_links_are_other_working_articles(self):
        _, doc = self.server.page(self.seed_path)
        more = main_of(doc).find("section", cls="more-news")
        self.assertIsNotNone(more, "no More News section")
        links = article_links(more)
        self.assertTrue(links, "More News lists no articles")
        self.assertNotIn(self.seed_path, links)
        self.assertEqual(len(links), len(set(links)), "More News lists an article twice")
        for href in links:
            with self.subTest(href=href):
                self.assertEqual(self.server.get(href).status, 200)

    def test_seed_article_links_to_the_topic_page(self):
        _, doc = self.server.page(self.seed_path)
        hrefs = [a.get("href") for a in main_of(doc).find_all("a")]
        self.assertIn("/topics/china", hrefs)

    def test_article_with_a_wrong_slug_redirects_to_its_canonical_path(self):
        article_id = self.seed_path.split("/")[2].split("-")[0]
        for wrong in (f"/{ZONE}/{article_id}", f"/{ZONE}/{article_id}-old-headline"):
            with self.subTest(path=wrong):
                resp = self.server.get(wrong)
                self.assertEqual(resp.status, 301)
                self.assertEqual(resp.header("Location"), self.seed_path)

    def test_article_with_a_query_string_is_served_without_a_redirect(self):
        resp = self.server.get(self.seed_path + "?utm_source=test")
        self.assertEqual(resp.status, 200)
        canonical = parse_html(resp.text).find("link", rel="canonical").get("href")
        self.assertTrue(canonical.endswith(self.seed_path), canonical)

    def test_unknown_article_is_404(self):
        for path in (f"/{ZONE}/999999-no-such-article", f"/{ZONE}/not-an-id",
                     "/no-such-section/1-x"):
            with self.subTest(path=path):
                self.assertEqual(self.server.get(path).status, 404)

    def test_article_under_another_sections_path_is_404(self):
        wrong = "/news/" + self.seed_path.split("/", 2)[2]
        self.assertEqual(self.server.get(wrong).status, 404)

    def test_editorial_article_carries_no_zone_label(self):
        path = self.editorial_article_path()
        _, doc = self.server.page(path)
        main = main_of(doc)
        self.assertIsNone(main.find("aside", cls="zone-label"))
        self.assertNotIn(ATTRIBUTION, main.text)
        self.assertNotIn("does not exercise editorial control", main.text)
        # The story itself is not partner content; a partner story listed under "Related"
        # carries its own badge, which is the label travelling with it.
        self.assertNotIn("Partner content", main.find("article", cls="story").text)

    def test_partner_stories_under_related_keep_their_label(self):
        _, doc = self.server.page(self.editorial_article_path())
        related = main_of(doc).find("section", cls="related")
        self.assertIsNotNone(related)
        partner_items = [li for li in related.find_all("li")
                         if any(a.get("href", "").startswith("/china-news-zone/")
                                for a in li.find_all("a"))]
        self.assertTrue(partner_items, "the demo's editorial story has a partner story related")
        for li in partner_items:
            self.assertIn("Partner content: People's Daily Online", li.text)

    # --- topic ------------------------------------------------------------------------------

    def test_topic_page_has_its_heading(self):
        _, doc = self.server.page("/topics/china")
        self.assertEqual(main_of(doc).find("h1").text, "More News About China")

    def test_topic_page_lists_zone_and_editorial_articles_labelling_partner_items(self):
        _, doc = self.server.page("/topics/china")
        items = list_items(main_of(doc))
        zone_items = [li for href, li in items if href.startswith(f"/{ZONE}/")]
        news_items = [li for href, li in items if href.startswith("/news/")]
        self.assertTrue(zone_items, "no zone articles on the topic page")
        self.assertTrue(news_items, "no editorial articles on the topic page")
        for li in zone_items:
            badge = li.find("span", cls="partner-badge")
            self.assertIsNotNone(badge, f"partner item without label: {li.find('h3').text}")
            self.assertIn("People's Daily Online", badge.text)
        for li in news_items:
            self.assertIsNone(li.find("span", cls="partner-badge"),
                              f"editorial item labelled as partner: {li.find('h3').text}")
            self.assertNotIn("People's Daily Online", li.text)

    def test_unknown_topic_is_404(self):
        self.assertEqual(self.server.get("/topics/no-such-topic").status, 404)

    # --- every page -------------------------------------------------------------------------

    def test_every_page_has_language_title_and_landmarks(self):
        paths = {"/": 200, "/news/": 200, f"/{ZONE}/": 200, self.seed_path: 200,
                 self.editorial_article_path(): 200, "/topics/china": 200,
                 "/no-such-page/": 404}
        for path, status in paths.items():
            with self.subTest(path=path):
                resp, doc = self.server.page(path, expect_status=status)
                self.assertTrue(resp.header("Content-Type").startswith("text/html"))
                self.assertEqual((doc.doctype or "").lower(), "doctype html")
                html_el = doc.find("html")
                self.assertEqual(html_el.get("lang"), "en")
                title = doc.find("title")
                self.assertIsNotNone(title)
                self.assertTrue(title.text.strip())
                for tag in ("header", "main", "nav", "footer"):
                    self.assertIsNotNone(doc.find(tag), f"no <{tag}>")

    def test_not_found_page_is_html_in_the_sites_look(self):
        resp, doc = self.server.page("/no-such-page/", expect_status=404)
        self.assertTrue(resp.header("Content-Type").startswith("text/html"))
        self.assertEqual(doc.find("a", cls="masthead").text, "Helsinki Times")
        self.assertIn("404", main_of(doc).text)
        self.assertIsNotNone(doc.find("meta", name="robots"))

    def test_bad_page_number_is_400(self):
        for path in ("/news/", f"/{ZONE}/", "/topics/china"):
            for query in ("abc", "0", "-1", "1x", ""):
                with self.subTest(path=path, page=query):
                    self.assertEqual(self.server.get(f"{path}?page={query}").status, 400)

    def test_head_answers_like_get_without_a_body(self):
        for path in ("/", self.seed_path, "/healthz", "/no-such-page/"):
            with self.subTest(path=path):
                get = self.server.get(path)
                raw = self.server.raw(
                    f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .encode(), timeout=5)
                status, headers, body = nzserver.split_raw_response(raw)
                self.assertEqual(status, get.status)
                self.assertEqual(headers.get("content-length"), str(len(get.body)))
                self.assertEqual(headers.get("content-length"), get.header("Content-Length"))
                self.assertEqual(headers.get("content-type"), get.header("Content-Type"))
                self.assertEqual(body, b"")

    # --- machine endpoints ------------------------------------------------------------------

    def test_healthz_reports_ok_and_the_article_count(self):
        resp = self.server.get("/healthz")
        self.assertEqual(resp.status, 200)
        self.assertTrue(resp.header("Content-Type").startswith("application/json"))
        self.assertEqual(resp.header("Cache-Control"), "no-store")
        self.assertEqual(resp.json(), {"status": "ok", "articles": DEMO_ARTICLE_COUNT})

    def stylesheet_url(self):
        _, doc = self.server.page("/")
        link = doc.find("link", rel="stylesheet")
        self.assertIsNotNone(link)
        href = link.get("href")
        self.assertRegex(href, r"^/static/style\.css\?v=[0-9a-f]+$")
        return href

    def test_fingerprinted_stylesheet_is_cached_for_long(self):
        resp = self.server.get(self.stylesheet_url())
        self.assertEqual(resp.status, 200)
        self.assertTrue(resp.header("Content-Type").startswith("text/css"))
        self.assertTrue(resp.body)
        cache = resp.header("Cache-Control")
        self.assertIn("max-age=31536000", cache)
        self.assertIn("immutable", cache)

    def test_stylesheet_with_a_stale_version_is_cached_briefly(self):
        for path in ("/static/style.css?v=0000", "/static/style.css"):
            with self.subTest(path=path):
                resp = self.server.get(path)
                self.assertEqual(resp.status, 200)
                cache = resp.header("Cache-Control")
                self.assertNotIn("31536000", cache)
                self.assertNotIn("immutable", cache)

    def test_stylesheet_answers_304_to_its_etag(self):
        url = self.stylesheet_url()
        etag = self.server.get(url).header("ETag")
        self.assertTrue(etag)
        resp = self.server.get(url, headers={"If-None-Match": etag})
        self.assertEqual(resp.status, 304)
        self.assertEqual(resp.body, b"")

    def test_unknown_static_file_is_404(self):
        for path in ("/static/nope.css", "/static/..%2Fhome.mustache"):
            with self.subTest(path=path):
                self.assertEqual(self.server.get(path).status, 404)


class PaginationTest(unittest.TestCase):
    """A zone with 45 imported articles: 20, 20, 5."""

    SLUG = "paged-zone"
    COUNT = 45

    @classmethod
    def setUpClass(cls):
        cls.server = NzServer(demo=True)
        cls.server.start()
        cls.addClassCleanup(cls.server.cleanup)
        code, out, err = run_cli(["zone", "add", "--slug", cls.SLUG, "--title", "Paged Zone",
                                  "--partner", "People's Daily Online"],
                                 data_dir=cls.server.data_dir)
        assert code == 0, err
        lines = []
        for i in range(cls.COUNT):
            # One a day, so that the newest is number 44.
            day = f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}T10:00:00Z"
            lines.append(nzserver.article_json_line(cls.SLUG, f"paged-{i}", f"Paged story {i}",
                                                    day))
        code, out, err = run_cli(["import", "-", "--print-ids"], data_dir=cls.server.data_dir,
                                 input="\n".join(lines) + "\n")
        assert code == 0, err
        cls.imported = {int(l.split("\t")[1]) for l in out.splitlines()}
        assert len(cls.imported) == cls.COUNT, out

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def page(self, number):
        path = f"/{self.SLUG}/" if number == 1 else f"/{self.SLUG}/?page={number}"
        return self.server.page(path)[1]

    def test_first_page_lists_twenty_newest_articles(self):
        main = main_of(self.page(1))
        items = list_items(main)
        self.assertEqual(len(items), 20)
        self.assertEqual(items[0][1].find("h3").text, "Paged story 44")

    def test_last_page_lists_the_rest(self):
        self.assertEqual(len(list_items(main_of(self.page(2)))), 20)
        items = list_items(main_of(self.page(3)))
        self.assertEqual(len(items), 5)
        self.assertEqual(items[-1][1].find("h3").text, "Paged story 0")

    def test_pages_together_list_every_article_once_newest_first(self):
        hrefs, times = [], []
        for n in (1, 2, 3):
            main = main_of(self.page(n))
            hrefs += article_links(main.find("ol", cls="article-list"))
            times += datetimes_of(main.find("ol", cls="article-list"))
        ids = [int(h.split("/")[2].split("-")[0]) for h in hrefs]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), self.imported)
        self.assertEqual(times, sorted(times, reverse=True))

    def test_page_past_the_end_is_404(self):
        self.assertEqual(self.server.get(f"/{self.SLUG}/?page=4").status, 404)
        self.assertEqual(self.server.get(f"/{self.SLUG}/?page=1000").status, 404)

    def test_non_numeric_page_is_400(self):
        self.assertEqual(self.server.get(f"/{self.SLUG}/?page=abc").status, 400)

    def rel_links(self, doc):
        """rel -> href of the page's links within the site (the zone label's link to the
        partner's site has a rel too)."""
        return {a.get("rel"): a.get("href") for a in doc.find_all("a")
                if a.get("rel") and a.get("href", "").startswith("/")}

    def test_pages_link_to_their_neighbours_with_rel_next_and_prev(self):
        self.assertEqual(self.rel_links(self.page(1)), {"next": f"/{self.SLUG}/?page=2"})
        self.assertEqual(self.rel_links(self.page(2)),
                         {"prev": f"/{self.SLUG}/", "next": f"/{self.SLUG}/?page=3"})
        self.assertEqual(self.rel_links(self.page(3)), {"prev": f"/{self.SLUG}/?page=2"})

    def test_rel_links_lead_to_working_pages(self):
        for n in (1, 2, 3):
            for rel, href in self.rel_links(self.page(n)).items():
                with self.subTest(page=n, rel=rel):
                    self.assertEqual(self.server.get(href).status, 200)

    def test_page_one_in_the_query_is_the_index(self):
        resp = self.server.get(f"/{self.SLUG}/?page=1")
        self.assertEqual(resp.status, 200)
        first = list_items(main_of(parse_html(resp.text)))
        self.assertEqual([h for h, _ in first], [h for h, _ in list_items(main_of(self.page(1)))])


class ImportedContentTest(unittest.TestCase):
    """Articles imported while the server runs: withdrawal and escaping."""

    @classmethod
    def setUpClass(cls):
        cls.server = NzServer(demo=True)
        cls.server.start()
        cls.addClassCleanup(cls.server.cleanup)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def import_lines(self, *lines):
        code, out, err = run_cli(["import", "-", "--print-ids"], data_dir=self.server.data_dir,
                                 input="\n".join(lines) + "\n")
        self.assertEqual(code, 0, err)
        return [l.split("\t") for l in out.splitlines()]

    def path_of(self, section, article_id):
        _, doc = self.server.page(f"/{section}/")
        for href in article_links(doc):
            if href.startswith(f"/{section}/{article_id}-"):
                return href
        self.fail(f"article {article_id} is not listed on /{section}/")

    def test_withdrawn_article_answers_410(self):
        line = nzserver.article_json_line("news", "it:withdraw-me", "A story to withdraw",
                                          "2030-01-01T09:00:00Z")
        [(_, article_id, _)] = self.import_lines(line)
        path = self.path_of("news", article_id)
        self.assertEqual(self.server.get(path).status, 200)

        withdrawn = json.loads(line)
        withdrawn["status"] = "withdrawn"
        [(_, again_id, _)] = self.import_lines(json.dumps(withdrawn))
        self.assertEqual(again_id, article_id, "re-importing the guid made a new article")
        resp, doc = self.server.page(path, expect_status=410)
        self.assertEqual(doc.find("a", cls="masthead").text, "Helsinki Times")
        self.assertNotIn(path, article_links(self.server.page("/news/")[1]))
        self.assertEqual(self.server.head(path).status, 410)

    def test_withdrawn_article_leaves_the_listings(self):
        line = nzserver.article_json_line("news", "it:withdraw-listed", "Listed then withdrawn",
                                          "2030-02-01T09:00:00Z", topics=["country:CN"])
        [(_, article_id, _)] = self.import_lines(line)
        path = self.path_of("news", article_id)
        self.assertIn(path, article_links(self.server.page("/topics/china")[1]))
        withdrawn = json.loads(line)
        withdrawn["status"] = "withdrawn"
        # A changed standfirst too, so that this checks the listings whether or not a
        # status-only change is stored (see test_withdrawn_article_answers_410).
        withdrawn["standfirst"] = "Withdrawn."
        self.import_lines(json.dumps(withdrawn))
        self.assertEqual(self.server.get(path).status, 410)
        for page in ("/", "/news/", "/topics/china"):
            with self.subTest(page=page):
                self.assertNotIn(path, article_links(self.server.page(page)[1]))

    def test_markup_in_an_imported_headline_and_body_is_shown_as_text(self):
        headline = "Breaking <script>alert('x')</script> & <b>bold</b> news"
        paragraph = "A body with <img src=x onerror=alert(1)> and </p><script>1</script>."
        line = nzserver.article_json_line("news", "it:escape", headline, "2030-03-01T09:00:00Z",
                                          paragraphs=[paragraph])
        [(_, article_id, _)] = self.import_lines(line)
        path = self.path_of("news", article_id)
        for page in (path, "/news/", "/"):
            with self.subTest(page=page):
                resp, doc = self.server.page(page)
                # The only script is the article page's JSON-LD, which the theme writes.
                scripts = doc.find_all("script")
                self.assertEqual([s.get("type") for s in scripts],
                                 ["application/ld+json"] if page == path else [],
                                 "a <script> element made it into the page")
                self.assertIsNone(doc.find("b"))
                self.assertIsNone(doc.find("img"))
                self.assertEqual(resp.body.lower().count(b"<script"), len(scripts))
                self.assertIn(headline, doc.text)
        _, doc = self.server.page(path)
        self.assertEqual(main_of(doc).find("h1").text, headline)
        self.assertEqual(doc.find("title").text, f"{headline} — Helsinki Times")
        body = main_of(doc).find("div", cls="story-body")
        self.assertEqual([p.text for p in body.find_all("p")], [paragraph])


if __name__ == "__main__":
    unittest.main()
