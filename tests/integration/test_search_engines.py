"""What search engines and social sites read: sitemaps, robots.txt, JSON-LD, Open Graph and
Twitter tags, canonical links and the partner link's rel, on a site built for the purpose:
an editorial section, a partner zone, a paid-content zone, a zone whose canonical is the
partner's original, and a noindex zone, with articles over several months and the last days.
"""
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

from nzserver import NzServer, article_json_line, parse_html, run_cli

BASE = "https://news.example.org"
SITE = "Test Times"
PARTNER = "Partner One"
PARTNER_URL = "https://partner.example/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_BYTES = 50 * 1000 * 1000

# Articles by month: (section, guid, headline, published, extra fields).
ARCHIVE = [
    ("news", "n1", "January news one", "2025-01-05T10:00:00Z", {"author": "Anna Author"}),
    ("news", "n2", "January news two", "2025-01-20T10:00:00Z", {}),
    ("news", "n3", "January news three", "2025-01-31T23:59:59Z", {}),
    ("pz", "p1", "January partner story", "2025-01-10T08:00:00Z",
     {"original_url": "https://partner.example/p1", "standfirst": "Partner standfirst"}),
    ("pz", "p2", "January partner story two", "2025-01-11T08:00:00Z", {}),
    ("news", "n4", "February news", "2025-02-01T00:00:00Z", {}),
    ("paid", "a1", "February paid story", "2025-02-14T12:00:00Z", {}),
    ("hidden", "h1", "February hidden story", "2025-02-15T12:00:00Z", {}),
    ("news", "w1", "February withdrawn story", "2025-02-16T12:00:00Z", {"status": "withdrawn"}),
    ("news", "q1", "February pending story", "2025-02-17T12:00:00Z", {"status": "pending"}),
    ("canon", "c1", "March canonical story", "2025-03-03T09:00:00Z",
     {"original_url": "https://partner.example/c1"}),
    ("canon", "c2", "March story without original", "2025-03-04T09:00:00Z", {}),
    ("canon", "c3", "March story with a bad original", "2025-03-05T09:00:00Z",
     {"original_url": "javascript:alert(1)"}),
]
LISTED_MONTHS = {"2025-01": 5, "2025-02": 2, "2025-03": 3}
NOT_LISTED = ["february-hidden-story", "february-withdrawn-story", "february-pending-story",
              "recent-hidden-story", "recent-withdrawn-story"]

RSS_WITH_IMAGE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Partner One</title><link>https://partner.example/</link>
<description>d</description>
<item><guid>img-1</guid><title>Picture story</title><link>https://partner.example/pic</link>
<pubDate>Wed, 05 Mar 2025 12:00:00 GMT</pubDate>
<description><![CDATA[<p>Before.</p><img src="https://partner.example/a.jpg?w=1&amp;h=2" alt="A">
<p>After.</p><img src="https://partner.example/b.jpg" alt="B">]]></description></item>
</channel></rss>
"""


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def recent_articles(now):
    hours = datetime.timedelta(hours=1)
    return [
        ("news", "r1", "Recent news story", iso(now - 1 * hours), {}),
        ("pz", "r2", "Recent partner story", iso(now - 30 * hours), {}),
        ("news", "r3", "Three days old story", iso(now - 72 * hours), {}),
        ("hidden", "r4", "Recent hidden story", iso(now - 2 * hours), {}),
        ("news", "r5", "Recent withdrawn story", iso(now - 3 * hours), {"status": "withdrawn"}),
    ]


def build_site(data, urls_per_file=None):
    """The test site in `data`; returns the published times of the recent articles."""
    def cli(*args, input=None):
        code, out, err = run_cli(list(args), data_dir=data, input=input)
        if code != 0:
            raise AssertionError(f"newszone {' '.join(args)}: {err}")
        return out
    cli("site", "set", "--name", SITE, "--base-url", BASE, "--language", "en")
    cli("partner", "add", "--name", PARTNER, "--url", PARTNER_URL)
    cli("section", "add", "--slug", "news", "--title", "News", "--description", "Home news")
    cli("zone", "add", "--slug", "pz", "--title", "Partner Zone", "--partner", PARTNER,
        "--topic", "country:CN")
    cli("zone", "add", "--slug", "paid", "--title", "Paid Zone", "--partner", PARTNER,
        "--paid-content", "true")
    cli("zone", "add", "--slug", "canon", "--title", "Canon Zone", "--partner", PARTNER,
        "--canonical", "partner", "--link-rel", "ugc nofollow")
    cli("zone", "add", "--slug", "hidden", "--title", "Hidden Zone", "--partner", PARTNER,
        "--noindex", "true")
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    lines = [article_json_line(s, g, h, p, **extra)
             for s, g, h, p, extra in ARCHIVE + recent_articles(now)]
    cli("import", "-", input="\n".join(lines))
    feed = os.path.join(os.path.dirname(data), "image.xml")
    with open(feed, "w", encoding="utf-8") as f:
        f.write(RSS_WITH_IMAGE)
    cli("ingest", "--zone", "canon", feed)
    return now


def xmllint(testcase, body, what):
    result = subprocess.run(["xmllint", "--noout", "-"], input=body, capture_output=True,
                            timeout=60)
    testcase.assertEqual(result.returncode, 0,
                         f"{what}: xmllint: {result.stderr.decode('utf-8', 'replace')}")


class SiteTestCase(unittest.TestCase):
    urls_per_file = None

    @classmethod
    def setUpClass(cls):
        if shutil.which("xmllint") is None:
            raise RuntimeError("xmllint is missing: run scripts/install-deps")
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-seo-")
        cls.data = os.path.join(cls.tmp.name, "data")
        os.makedirs(cls.data)
        cls.now = build_site(cls.data)
        env = {}
        if cls.urls_per_file:
            env["NEWSZONE_SITEMAP_URLS_PER_FILE"] = str(cls.urls_per_file)
        cls.server = NzServer(data_dir=cls.data, env=env)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
        cls.tmp.cleanup()

    def xml(self, path, expect_status=200):
        """GETs an XML document, checks it with xmllint and the sitemap limits, parses it."""
        response = self.server.get(path)
        self.assertEqual(response.status, expect_status, path)
        self.assertTrue(response.header("Content-Type").startswith("application/xml"), path)
        self.assertLessEqual(len(response.body), MAX_BYTES, path)
        xmllint(self, response.body, path)
        return ET.fromstring(response.body)

    def sitemap_files(self):
        """{path: lastmod} of the monthly sitemaps the index names."""
        index = self.xml("/sitemap.xml")
        self.assertEqual(index.tag, SM + "sitemapindex")
        files = {}
        for sitemap in index.findall(SM + "sitemap"):
            loc = sitemap.find(SM + "loc").text
            self.assertTrue(loc.startswith(BASE + "/sitemaps/"), loc)
            files[loc[len(BASE):]] = sitemap.find(SM + "lastmod").text
        return files

    def urls_of(self, path, lastmod=True):
        urlset = self.xml(path)
        self.assertEqual(urlset.tag, SM + "urlset")
        urls = [u.find(SM + "loc").text for u in urlset.findall(SM + "url")]
        self.assertLessEqual(len(urls), 50000, path)
        if lastmod:
            for u in urlset.findall(SM + "url"):
                self.assertIsNotNone(u.find(SM + "lastmod"), path)
        return urls

    def listed_urls(self, sections):
        """Absolute URLs of every article the sections' index pages list."""
        urls = set()
        for section in sections:
            page = 1
            while True:
                response = self.server.get(f"/{section}/?page={page}")
                if response.status == 404:
                    break
                self.assertEqual(response.status, 200)
                doc = parse_html(response.text)
                links = [a.get("href") for li in doc.find_all("li", cls="article-item")
                         for a in li.find_all("a") if a.get("href").startswith(f"/{section}/")
                         and a.get("href") != f"/{section}/"]
                if not links:
                    break
                urls.update(BASE + link for link in links)
                page += 1
        return urls

    def article_path(self, section, headline):
        doc = parse_html(self.server.get(f"/{section}/").text)
        for li in doc.find_all("li", cls="article-item"):
            a = li.find("h3", cls="item-headline").find("a")
            if a.text == headline:
                return a.get("href")
        raise AssertionError(f"{headline!r} is not listed in /{section}/")


class SitemapsTest(SiteTestCase):
    def test_robots_txt_names_the_index_and_the_news_sitemap(self):
        response = self.server.get("/robots.txt")
        self.assertEqual(response.status, 200)
        self.assertTrue(response.header("Content-Type").startswith("text/plain"))
        lines = response.text.splitlines()
        self.assertIn(f"Sitemap: {BASE}/sitemap.xml", lines)
        self.assertIn(f"Sitemap: {BASE}/sitemaps/news.xml", lines)
        self.assertIn("User-agent: *", lines)
        # Search results are kept out; a rule never covers a section's pages.
        disallowed = [l.split(":", 1)[1].strip() for l in lines if l.startswith("Disallow:")]
        self.assertIn("/search?", disallowed)
        for section in ["/news/", "/pz/", "/canon/", "/searchlight/"]:
            self.assertFalse([d for d in disallowed if section.startswith(d)], section)

    def test_the_index_names_one_sitemap_per_month_with_lastmod(self):
        files = self.sitemap_files()
        months = sorted(m for m in LISTED_MONTHS)
        recent_months = {self.now.strftime("%Y-%m"),
                         (self.now - datetime.timedelta(hours=30)).strftime("%Y-%m"),
                         (self.now - datetime.timedelta(hours=72)).strftime("%Y-%m")}
        expected = {f"/sitemaps/{m}.xml" for m in months} | {
            f"/sitemaps/{m}.xml" for m in recent_months}
        self.assertEqual(set(files), expected)
        for lastmod in files.values():
            datetime.datetime.strptime(lastmod, "%Y-%m-%dT%H:%M:%SZ")
        # January's newest update is its last article's.
        self.assertEqual(files["/sitemaps/2025-01.xml"], "2025-01-31T23:59:59Z")

    def test_monthly_sitemaps_list_exactly_the_listed_articles_of_indexable_sections(self):
        in_sitemaps = []
        for path in self.sitemap_files():
            in_sitemaps.extend(self.urls_of(path))
        self.assertEqual(len(in_sitemaps), len(set(in_sitemaps)), "a URL listed twice")
        expected = self.listed_urls(["news", "pz", "paid", "canon"])
        self.assertEqual(set(in_sitemaps), expected)
        for slug in NOT_LISTED:
            self.assertFalse([u for u in in_sitemaps if u.endswith("-" + slug)], slug)
        for month, count in LISTED_MONTHS.items():
            urls = self.urls_of(f"/sitemaps/{month}.xml")
            if month == "2025-03":
                count += 1  # the ingested picture story
            self.assertEqual(len(urls), count, month)

    def test_hidden_zone_articles_are_noindex_and_out_of_every_sitemap(self):
        doc = parse_html(self.server.get("/hidden/").text)
        path = doc.find("li", cls="article-item").find("a").get("href")
        _, article = self.server.page(path)
        self.assertEqual(article.find("meta", name="robots").get("content"), "noindex")
        _, news_article = self.server.page(self.article_path("news", "February news"))
        self.assertIsNone(news_article.find("meta", name="robots"))
        all_urls = [u for p in self.sitemap_files() for u in self.urls_of(p)]
        all_urls += self.urls_of("/sitemaps/news.xml", lastmod=False)
        self.assertNotIn(BASE + path, all_urls)

    def test_news_sitemap_has_the_last_48_hours_only_with_publication_and_title(self):
        urlset = self.xml("/sitemaps/news.xml")
        entries = urlset.findall(SM + "url")
        self.assertLessEqual(len(entries), 1000)
        titles = {}
        for url in entries:
            news = url.find(NEWS + "news")
            publication = news.find(NEWS + "publication")
            self.assertEqual(publication.find(NEWS + "name").text, SITE)
            self.assertEqual(publication.find(NEWS + "language").text, "en")
            published = datetime.datetime.strptime(
                news.find(NEWS + "publication_date").text,
                "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            self.assertLessEqual(self.now - published, datetime.timedelta(hours=48))
            titles[news.find(NEWS + "title").text] = url.find(SM + "loc").text
        self.assertEqual(set(titles), {"Recent news story", "Recent partner story"})
        self.assertEqual(titles["Recent news story"],
                         BASE + self.article_path("news", "Recent news story"))

    def test_unknown_sitemaps_are_not_found(self):
        for path in ["/sitemaps/2024-12.xml", "/sitemaps/2025-01-2.xml", "/sitemaps/2025-13.xml",
                     "/sitemaps/../sitemap.xml", "/sitemaps/whatever"]:
            self.assertEqual(self.server.get(path).status, 404, path)


class SplitSitemapsTest(SiteTestCase):
    """With 2 URLs per file (NEWSZONE_SITEMAP_URLS_PER_FILE), January's five articles take
    three files; together they list the month once."""
    urls_per_file = 2

    def test_a_month_with_more_urls_than_a_file_holds_is_split_into_parts(self):
        files = self.sitemap_files()
        january = sorted(p for p in files if "/2025-01" in p)
        self.assertEqual(january, ["/sitemaps/2025-01-2.xml", "/sitemaps/2025-01-3.xml",
                                   "/sitemaps/2025-01.xml"])
        urls = []
        for path in january:
            part = self.urls_of(path)
            self.assertLessEqual(len(part), 2, path)
            urls.extend(part)
        self.assertEqual(len(urls), 5)
        self.assertEqual(len(set(urls)), 5)
        self.assertEqual(self.server.get("/sitemaps/2025-01-4.xml").status, 404)
        all_urls = [u for p in files for u in self.urls_of(p)]
        self.assertEqual(set(all_urls), self.listed_urls(["news", "pz", "paid", "canon"]))


class WithdrawalTest(SiteTestCase):
    """An article withdrawn while the server runs leaves its month's sitemap at once, and
    the month's lastmod says it changed."""

    def test_a_withdrawn_article_leaves_its_sitemap_and_moves_its_lastmod(self):
        path = self.article_path("news", "January news two")
        before = self.sitemap_files()["/sitemaps/2025-01.xml"]
        self.assertIn(BASE + path, self.urls_of("/sitemaps/2025-01.xml"))
        item = json.loads(article_json_line(*ARCHIVE[1][:4], status="withdrawn"))
        code, _, err = run_cli(["import", "-"], data_dir=self.data, input=json.dumps(item))
        self.assertEqual(code, 0, err)
        self.assertEqual(self.server.get(path).status, 410)
        urls = self.urls_of("/sitemaps/2025-01.xml")
        self.assertNotIn(BASE + path, urls)
        self.assertEqual(len(urls), LISTED_MONTHS["2025-01"] - 1)
        after = self.sitemap_files()["/sitemaps/2025-01.xml"]
        self.assertGreater(after, before)  # RFC 3339 in UTC sorts as text
        self.assertGreaterEqual(after, iso(self.now))


def json_ld_of(testcase, doc):
    scripts = doc.find_all("script", type="application/ld+json")
    testcase.assertEqual(len(scripts), 1)
    return json.loads("".join(c for c in scripts[0].children if isinstance(c, str)))


def meta(doc, key):
    el = doc.find("meta", property=key) or doc.find("meta", name=key)
    return None if el is None else el.get("content")


class StructuredDataTest(SiteTestCase):
    def page(self, section, headline):
        path = self.article_path(section, headline)
        _, doc = self.server.page(path)
        return path, doc

    def test_a_host_articles_json_ld_is_a_news_article_by_its_author(self):
        path, doc = self.page("news", "January news one")
        ld = json_ld_of(self, doc)
        self.assertEqual(ld["@context"], "https://schema.org")
        self.assertEqual(ld["@type"], "NewsArticle")
        self.assertEqual(ld["headline"], "January news one")
        self.assertEqual(ld["datePublished"], "2025-01-05T10:00:00Z")
        self.assertEqual(ld["dateModified"], "2025-01-05T10:00:00Z")
        self.assertEqual(ld["author"], {"@type": "Person", "name": "Anna Author"})
        self.assertEqual(ld["publisher"], {"@type": "NewsMediaOrganization", "name": SITE,
                                           "url": BASE})
        self.assertNotIn("sourceOrganization", ld)
        self.assertNotIn("image", ld)
        self.assertIs(ld["isAccessibleForFree"], True)
        self.assertEqual(ld["mainEntityOfPage"]["@id"], BASE + path)
        self.assertEqual(doc.find("link", rel="canonical").get("href"), BASE + path)

    def test_a_partner_articles_json_ld_names_the_partner_as_source_and_author(self):
        path, doc = self.page("pz", "January partner story two")
        ld = json_ld_of(self, doc)
        self.assertEqual(ld["@type"], "NewsArticle")
        partner = {"@type": "Organization", "name": PARTNER, "url": PARTNER_URL}
        self.assertEqual(ld["sourceOrganization"], partner)
        self.assertEqual(ld["author"], partner)
        self.assertEqual(ld["publisher"]["name"], SITE)
        self.assertEqual(ld["mainEntityOfPage"]["@id"], BASE + path)

    def test_a_paid_zones_article_is_advertiser_content(self):
        _, doc = self.page("paid", "February paid story")
        ld = json_ld_of(self, doc)
        self.assertEqual(ld["@type"], "AdvertiserContentArticle")
        self.assertEqual(ld["sourceOrganization"]["name"], PARTNER)

    def test_open_graph_and_twitter_tags_describe_the_article(self):
        path, doc = self.page("pz", "January partner story")
        self.assertEqual(meta(doc, "og:type"), "article")
        self.assertEqual(meta(doc, "og:title"), "January partner story")
        self.assertEqual(meta(doc, "og:description"), "Partner standfirst")
        self.assertEqual(meta(doc, "og:url"), BASE + path)
        self.assertEqual(meta(doc, "og:site_name"), SITE)
        self.assertEqual(meta(doc, "article:published_time"), "2025-01-10T08:00:00Z")
        self.assertEqual(meta(doc, "article:modified_time"), "2025-01-10T08:00:00Z")
        self.assertIsNone(meta(doc, "og:image"))
        self.assertEqual(meta(doc, "twitter:card"), "summary")
        self.assertEqual(meta(doc, "twitter:title"), "January partner story")

    def test_the_first_image_of_the_body_is_the_articles_image(self):
        _, doc = self.page("canon", "Picture story")
        image = "https://partner.example/a.jpg?w=1&h=2"
        self.assertEqual(json_ld_of(self, doc)["image"], [image])
        self.assertEqual(meta(doc, "og:image"), image)
        self.assertEqual(meta(doc, "twitter:card"), "summary_large_image")
        self.assertEqual(meta(doc, "twitter:image"), image)

    def test_canonical_follows_the_zones_contract(self):
        # canonical = partner: the original where there is a usable one.
        _, doc = self.page("canon", "March canonical story")
        self.assertEqual(doc.find("link", rel="canonical").get("href"),
                         "https://partner.example/c1")
        self.assertEqual(json_ld_of(self, doc)["mainEntityOfPage"]["@id"],
                         "https://partner.example/c1")
        self.assertEqual(meta(doc, "og:url"), "https://partner.example/c1")
        for headline in ["March story without original", "March story with a bad original"]:
            path, doc = self.page("canon", headline)
            self.assertEqual(doc.find("link", rel="canonical").get("href"), BASE + path)
        # canonical = host (the default), whatever the article's original.
        path, doc = self.page("pz", "January partner story")
        self.assertEqual(doc.find("link", rel="canonical").get("href"), BASE + path)

    def test_the_link_to_the_partner_carries_the_zones_link_policy(self):
        for section, rel in [("pz", "sponsored nofollow"), ("canon", "ugc nofollow")]:
            _, index = self.server.page(f"/{section}/")
            headline = index.find("li", cls="article-item").find("h3").text
            _, article = self.page(section, headline)
            for doc in (index, article):
                label = doc.find("aside", cls="zone-label")
                links = label.find("p", cls="attribution").find_all("a")
                self.assertEqual([(a.get("href"), a.get("rel"), a.text) for a in links],
                                 [(PARTNER_URL, rel, PARTNER)])
                self.assertEqual(label.find("p", cls="attribution").text,
                                 f"This page is provided in cooperation with {PARTNER}.")

    def test_section_and_topic_pages_have_og_title_and_url(self):
        _, doc = self.server.page("/news/")
        self.assertEqual(meta(doc, "og:title"), "News")
        self.assertEqual(meta(doc, "og:url"), BASE + "/news/")
        self.assertEqual(meta(doc, "og:type"), "website")
        self.assertEqual(meta(doc, "og:description"), "Home news")
        self.assertEqual(doc.find_all("script"), [])
        _, doc = self.server.page("/topics/china")
        self.assertEqual(meta(doc, "og:title"), "More News About China")
        self.assertEqual(meta(doc, "og:url"), BASE + "/topics/china")


if __name__ == "__main__":
    unittest.main()
