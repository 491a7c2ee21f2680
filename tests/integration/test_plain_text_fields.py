"""Partner plain-text fields (headline, standfirst, author) carrying attack vectors are
written escaped on every page: they become text, never markup.

The vectors are the sanitizer's corpus (tests/testdata/xss). Each page is parsed with Python's
HTML parser and checked for what an injection would leave: a script element, an on*
attribute, a javascript:/vbscript:/data: URL, or an element the theme never writes.
"""
import glob
import json
import os
import re
import tempfile
import time
import unittest
from html.parser import HTMLParser
from xml.etree import ElementTree

from nzserver import NzServer, run_cli, testdata

# Elements the default theme writes; anything else on a page came from data.
THEME_ELEMENTS = {
    "html", "head", "meta", "title", "link", "body", "a", "header", "div", "p", "nav", "ul",
    "li", "main", "h1", "h2", "h3", "section", "ol", "article", "time", "span", "aside",
    "footer", "code", "form", "label", "input", "button", "select", "option", "strong", "mark",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "content"}


def decode_vector(line):
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            c = line[i + 1]
            if c in "ntr0\\":
                out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\"}[c])
                i += 2
                continue
            if c == "x" and re.match(r"[0-9a-fA-F]{2}", line[i + 2:i + 4]):
                out.append(chr(int(line[i + 2:i + 4], 16)))
                i += 4
                continue
        out.append(line[i])
        i += 1
    return "".join(out)


def vectors():
    found = []
    for path in sorted(glob.glob(testdata("xss", "vectors-*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line and not line.startswith("#"):
                    found.append(decode_vector(line))
    return found


class InjectionFinder(HTMLParser):
    """Collects what an injection would leave. The one script element the theme writes,
    <script type="application/ld+json">, is allowed in <head>; its text is kept in json_ld
    (a vector that broke out of it would leave an element or a second script behind)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json" \
                and len(attrs) == 1 and not self.json_ld and not self._in_json_ld:
            self._in_json_ld = True
            self.json_ld.append("")
            return
        if tag not in THEME_ELEMENTS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)[0]
                if scheme in ("javascript", "vbscript", "data"):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False


class PlainTextFieldsAreEscapedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-plain-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        cls.vectors = [v.replace("\0", "") for v in vectors()]
        lines = []
        for i, vector in enumerate(cls.vectors):
            lines.append(json.dumps({
                "section": "china-news-zone", "guid": f"xss-{i}",
                "headline": f"H{i} {vector}", "standfirst": vector, "author": vector,
                "published": f"2030-01-01T{i % 24:02d}:{i % 60:02d}:00Z",
                "paragraphs": ["Body text."], "topics": ["country:CN"]}))
        code, _, err = run_cli(["import", "-"], data_dir=cls.data, input="\n".join(lines))
        if code != 0:
            raise AssertionError(f"import failed: {err}")
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_FEEDS_ITEMS": "200"})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
        cls.tmp.cleanup()

    def test_feeds_write_every_vector_as_text(self):
        # Elements a feed may hold; a vector that made markup would add others.
        rss_elements = {"rss", "channel", "title", "link", "description", "language",
                        "lastBuildDate", "generator", "item", "guid", "pubDate", "category",
                        "source", "enclosure", "{http://www.w3.org/2005/Atom}link",
                        "{http://www.w3.org/2005/Atom}updated",
                        "{http://purl.org/rss/1.0/modules/content/}encoded",
                        "{http://purl.org/dc/elements/1.1/}creator"}
        atom_elements = {"{http://www.w3.org/2005/Atom}" + name for name in (
            "feed", "id", "title", "subtitle", "updated", "link", "author", "name", "uri",
            "generator", "entry", "published", "category", "source", "rights", "summary",
            "content")}
        control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
        expected = {control.sub("", f"H{i} {v}") for i, v in enumerate(self.vectors)}
        seen_titles = set()
        for page_path in ("/feeds/sections/china-news-zone", "/feeds/topics/china"):
            for fmt, allowed in (("rss", rss_elements), ("atom", atom_elements)):
                body = self.server.get(f"{page_path}.{fmt}").body
                root = ElementTree.fromstring(body)  # well-formed, whatever the vectors hold
                tags = {element.tag for element in root.iter()}
                self.assertEqual(tags - allowed, set(), f"{page_path}.{fmt}")
            feed = json.loads(self.server.get(f"{page_path}.json").body)
            for item in feed["items"]:
                seen_titles.add(item["title"])
                for author in item.get("authors", []):
                    self.assertIn(author["name"], {control.sub("", v) for v in self.vectors} |
                                  {"People's Daily Online"})
        # The JSON feeds give every headline back exactly (200 newest of each feed).
        self.assertGreaterEqual(len(seen_titles & expected), 200)

    def assert_no_injection(self, path):
        response = self.server.get(path)
        self.assertEqual(response.status, 200, path)
        finder = InjectionFinder()
        finder.feed(response.text)
        self.assertEqual(finder.problems, [], path)
        self.finder = finder
        return response.text

    def test_there_are_many_vectors(self):
        self.assertGreaterEqual(len(self.vectors), 150)

    def test_lists_write_every_vector_as_text(self):
        pages = max(1, (len(self.vectors) + 19) // 20)
        for page in range(1, pages + 1):
            self.assert_no_injection(f"/china-news-zone/?page={page}")
        for page in range(1, 4):
            self.assert_no_injection(f"/topics/china?page={page}")
        self.assert_no_injection("/")

    def test_search_results_write_every_vector_as_text(self):
        # The search index follows the store within a second of the server's start.
        deadline = time.monotonic() + 30
        while True:
            found = json.loads(self.server.get("/api/v1/search?q=body").text)
            if found["total_estimate"] >= len(self.vectors) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertGreaterEqual(found["total_estimate"], len(self.vectors))
        pages = (len(self.vectors) + 9) // 10
        seen = set()
        for page in range(1, pages + 1):
            html = self.assert_no_injection(f"/search?q=body&page={page}")
            seen.update(re.findall(r'href="(/china-news-zone/\d+-[^"]*)"', html))
            answer = json.loads(self.server.get(f"/api/v1/search?q=body&page={page}").text)
            for result in answer["results"]:  # a snippet is HTML: it must be harmless too
                finder = InjectionFinder()
                finder.feed(result["snippet_html"])
                self.assertEqual(finder.problems, [], result["snippet_html"])
        self.assertGreaterEqual(len(seen), len(self.vectors))

    def test_article_pages_write_every_vector_as_text(self):
        links = set()
        pages = max(1, (len(self.vectors) + 19) // 20)
        for page in range(1, pages + 1):
            html = self.server.get(f"/china-news-zone/?page={page}").text
            links.update(re.findall(r'href="(/china-news-zone/\d+-[^"]*)"', html))
        self.assertGreaterEqual(len(links), len(self.vectors))
        seen = set()
        for link in sorted(links):
            html = self.assert_no_injection(link)
            # The JSON-LD parses and carries the vector unchanged; nothing in it can end the
            # script element or open a comment.
            self.assertEqual(len(self.finder.json_ld), 1, link)
            text = self.finder.json_ld[0]
            for needle in ("<", ">", "&", "\u2028", "\u2029"):
                self.assertNotIn(needle, text, link)
            ld = json.loads(text)
            match = re.match(r"H(\d+) ", ld["headline"])
            if match is None:  # one of the demo site's own articles
                continue
            i = int(match.group(1))
            self.assertEqual(ld["headline"], f"H{i} {self.vectors[i]}", link)
            self.assertEqual(ld["description"], self.vectors[i], link)
            self.assertEqual(ld["author"], {"@type": "Person", "name": self.vectors[i]}, link)
            seen.add(i)
            # Open Graph carries the same text, escaped as an attribute.
            self.assertIn('<meta property="og:title" content="', html, link)
        self.assertEqual(seen, set(range(len(self.vectors))))


class PushedPlainTextFieldsAreEscapedTest(unittest.TestCase):
    """The same vectors pushed by a partner through the JSON API (ninjs headline, byline,
    description_text): the API's JSON answer stays valid JSON that gives back each item's
    identity unchanged, and the pages write the fields as text."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-plain-push-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        code, out, err = run_cli(["token", "create", "--partner", "peoples-daily-online"],
                                 data_dir=cls.data)
        if code != 0:
            raise AssertionError(err)
        cls.token = out.strip()
        cls.vectors = [v.replace("\0", "") for v in vectors()]
        cls.server = NzServer(data_dir=cls.data)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
        cls.tmp.cleanup()

    def test_the_api_answers_valid_json_and_pages_write_text(self):
        items = [{"uri": "urn:xss:%d:%s" % (i, v), "headline": "P%d %s" % (i, v),
                  "byline": v, "description_text": v, "body_html": "<p>Body %d.</p>" % i}
                 for i, v in enumerate(self.vectors)]
        resp = self.server.request("POST", "/api/v1/zones/china-news-zone/articles",
                                   body=json.dumps(items),
                                   headers={"Authorization": "Bearer " + self.token,
                                            "Content-Type": "application/json"})
        self.assertEqual(resp.status, 201, resp.text[:500])
        result = json.loads(resp.text)  # valid JSON whatever the partner sent
        self.assertEqual(result["failed"], 0)
        self.assertEqual([item["guid"] for item in result["items"]],
                         [item["uri"] for item in items])
        for item in result["items"]:
            path = "/" + item["url"].split("/", 3)[3]
            page = self.server.get(path)
            self.assertIn(page.status, (200, 301), path)
            if page.status == 301:  # a near-duplicate leads to its original
                continue
            finder = InjectionFinder()
            finder.feed(page.text)
            self.assertEqual(finder.problems, [], path)


if __name__ == "__main__":
    unittest.main()
