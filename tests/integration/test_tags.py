"""Topic tags (issue 5): the tagger on ingest, topic pages, and an editor's `newszone tag`
decisions, which re-tagging never overrides."""

import datetime
import os
import re
import tempfile
import unittest

from nzserver import NzServer, article_json_line, run_cli

# Stories from the feeds below carry no date, so they are dated when ingested: the host's
# story is dated now too, or "Related" (recency-aware) would prefer the demo's 2022 stories.
NOW = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(headline, paragraphs, guid="tag-1"):
    body = "".join("&lt;p&gt;%s&lt;/p&gt;" % p for p in paragraphs)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title>'
            "<item><guid>%s</guid><title>%s</title><link>http://partner.example/%s</link>"
            "<description>%s</description></item></channel></rss>" % (guid, headline, guid, body))


class TagsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="nz-tags-")
        self.data = os.path.join(self.tmp.name, "data")
        with NzServer(data_dir=self.data, demo=True):
            pass

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, input=None):
        return run_cli(list(args), data_dir=self.data, input=input)

    def ingest(self, headline, paragraphs, guid="tag-1"):
        code, out, err = self.cli("ingest", "--zone", "china-news-zone", "-",
                                  input=feed(headline, paragraphs, guid))
        self.assertEqual(code, 0, err)
        return out

    def listed(self, server, topic, headline):
        page = server.get("/topics/%s" % topic)
        return page.status == 200 and headline in page.text

    def test_ingest_tags_topics_and_an_editors_removal_survives_a_new_version(self):
        self.ingest("Finland and Estonia open a rail tunnel study",
                    ["HELSINKI -- Finnish and Estonian ministers agreed on Monday to fund a new "
                     "study of a rail tunnel under the Gulf of Finland.",
                     "The tunnel would link Helsinki and Tallinn in 30 minutes.",
                     "A similar tunnel in Japan took decades."])
        headline = "Finland and Estonia open a rail tunnel study"
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(self.listed(server, "finland", headline))
            self.assertTrue(self.listed(server, "estonia", headline))
            self.assertFalse(self.listed(server, "japan", headline), "a passing mention")
            article = re.search(r'href="(/china-news-zone/\d+-[^"]+)"',
                                server.get("/topics/finland").text).group(1)
            # The article page links its topics: countries, then organizations, by name.
            topics = re.search(r'<nav class="story-topics".*?</nav>',
                               server.get(article).text, re.S).group(0)
            self.assertEqual(re.findall(r'href="/topics/([a-z-]+)"', topics),
                             ["china", "estonia", "finland"])

        code, out, err = self.cli("tag", "remove", article, "estonia")
        self.assertEqual(code, 0, err)
        self.assertNotIn("estonia", out)
        self.ingest("Finland and Estonia open a rail tunnel study",
                    ["HELSINKI -- Finnish and Estonian ministers agreed on Monday to fund a new "
                     "study of a rail tunnel under the Gulf of Finland, costing 2 million euros.",
                     "The tunnel would link Helsinki and Tallinn in 30 minutes."])
        self.assertNotRegex(self.cli("tag", "list", article)[1], r"(?m)^estonia",
                            "the editor's removal holds after the new version")
        code, out, err = self.cli("retag")
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"^retagged \d+ articles")
        self.assertEqual(err, "", "no progress output when not on a terminal")
        self.assertNotRegex(self.cli("tag", "list", article)[1], r"(?m)^estonia",
                            "retag keeps the editor's removal")
        code, out, err = self.cli("tag", "add", article, "EE")
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"(?m)^estonia\s+Estonia\s+country$", "an editor can put it back")
        code, out, err = self.cli("tag", "remove", article, "EE")
        self.assertEqual(code, 0, err)
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            self.assertTrue(self.listed(server, "finland", headline))
            self.assertFalse(self.listed(server, "estonia", headline))

        code, out, _ = self.cli("tag", "list", article)
        self.assertEqual(code, 0)
        self.assertRegex(out, r"(?m)^finland\s+Finland\s+country$")
        self.assertRegex(out, r"(?m)^china\s+China\s+country$")

    def test_related_lists_other_stories_on_the_same_topics_never_the_same_story(self):
        # The host's own story (the Finland section has no "More News" block).
        code, _, err = self.cli("import", "-", input=article_json_line(
            "news", "host-tunnel", "Estonia and Finland review tunnel route",
            NOW, ["TALLINN -- Estonian and Finnish officials met on Tuesday.",
                                      "Estonia wants the works to start by 2030."]))
        self.assertEqual(code, 0, err)
        self.ingest("Estonia picks contractors for Tallinn port upgrade",
                    ["TALLINN -- Estonia chose three contractors on Monday to rebuild the "
                     "passenger quays of Tallinn's old harbour.", "Work begins in spring."],
                    guid="rel-1")
        story = ["HELSINKI -- Finland's rail operator said on Monday it will buy twelve new "
                 "night trains for routes to Lapland, replacing carriages built in the 1980s.",
                 "The trains, ordered from a Swiss manufacturer, will enter service in 2027 and "
                 "carry sleeping cars with private showers, the operator said in a statement.",
                 "Estonia's operator is studying a similar order for its route to Tartu."]
        self.ingest("Estonia watches Finland's night train order", story, guid="rel-2")
        # The same story again under a new guid: a near-duplicate, never listed again.
        self.ingest("Estonia watches Finland's night train order", story, guid="rel-3")
        with NzServer(data_dir=self.data, env={"NEWSZONE_POLLER": "false"}) as server:
            host = re.search(r'href="(/news/\d+-estonia-and-finland[^"]*)"',
                             server.get("/news/").text).group(1)
            related = re.search(r'<section class="more-news related".*?</section>',
                                server.get(host).text, re.S)
            self.assertIsNotNone(related, "the article page has a Related block")
            links = re.findall(r'href="(/[a-z-]+/\d+-[^"]+)"', related.group(0))
            self.assertTrue(any("estonia-picks-contractors" in l for l in links), links)
            self.assertEqual(sum("night-train" in l for l in links), 1, links)
            self.assertNotIn(host, links, "never the article itself")

    def test_mistakes_get_a_clear_message(self):
        code, _, err = self.cli("tag", "add", "1", "narnia")
        self.assertEqual(code, 2)
        self.assertIn('no topic "narnia"', err)
        code, _, err = self.cli("tag", "add", "not-an-article", "CN")
        self.assertEqual(code, 2)
        self.assertIn("give its id or its page's URL", err)
        code, _, err = self.cli("tag", "remove", "1", "china")
        self.assertEqual(code, 2)
        self.assertIn("China is the topic of China News Zone", err)


if __name__ == "__main__":
    unittest.main()
