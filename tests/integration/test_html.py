"""Every page type is valid HTML5, as Debian's tidy (HTML5-aware since 5.0) reads it.

tidy exits 2 when it finds errors and 1 for warnings only; warnings it raises about
attributes it does not know yet (aria-current) are not errors of ours, so only errors fail.
"""
import shutil
import subprocess
import unittest

from nzserver import NzServer


class PagesAreValidHtml5Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("tidy") is None:
            raise RuntimeError("tidy is missing: run scripts/install-deps")
        cls.server = NzServer(demo=True)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()

    def first_article_path(self, section):
        html = self.server.get(f"/{section}/").text
        marker = f'href="/{section}/'
        start = html.index(marker) + len('href="')
        return html[start:html.index('"', start)]

    def assert_valid(self, path, status=200):
        response = self.server.get(path)
        self.assertEqual(response.status, status, path)
        result = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "no"],
                                input=response.body, capture_output=True, timeout=30)
        errors = result.stderr.decode("utf-8", "replace")
        self.assertNotEqual(result.returncode, 2, f"{path}: tidy found errors:\n{errors}")
        self.assertNotIn("Error:", errors, path)

    def test_front_page_is_valid(self):
        self.assert_valid("/")

    def test_zone_and_section_indexes_are_valid(self):
        self.assert_valid("/china-news-zone/")
        self.assert_valid("/news/")

    def test_article_pages_are_valid(self):
        self.assert_valid(self.first_article_path("china-news-zone"))
        self.assert_valid(self.first_article_path("news"))

    def test_topic_page_is_valid(self):
        self.assert_valid("/topics/china")

    def test_search_pages_are_valid(self):
        self.assert_valid("/search")
        self.assert_valid("/search?q=china+trade&section=china-news-zone&from=2020-01-01")
        self.assert_valid("/search?q=chna")  # no results, a suggestion
        self.assert_valid("/search?q=%22unbalanced&to=not-a-date")

    def test_error_pages_are_valid(self):
        self.assert_valid("/no-such-page/at-all", status=404)
        self.assert_valid("/news/?page=zero", status=400)


if __name__ == "__main__":
    unittest.main()
