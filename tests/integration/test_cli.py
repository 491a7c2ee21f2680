"""The newszone command line: managing zones, configuration, errors, backup."""

import os
import re
import sqlite3
import tempfile
import threading
import unittest

import nzserver
from nzserver import NzServer, article_json_line, free_port_holder, run_cli

PARTNER = "People's Daily Online"


def table_rows(stdout):
    """A `list` command's table as dicts keyed by its header (columns split on 2+ spaces)."""
    lines = [l for l in stdout.splitlines() if l.strip()]
    header = re.split(r"\s{2,}", lines[0].strip())
    return [dict(zip(header, re.split(r"\s{2,}", l.strip()))) for l in lines[1:]]


class CliTestCase(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="nz-cli-")
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.data = os.path.join(self.tmp, "data")

    def cli(self, *args, input=None, env=None):
        return run_cli(list(args), data_dir=self.data, input=input, env=env)

    def ok(self, *args, input=None):
        code, out, err = self.cli(*args, input=input)
        self.assertEqual(code, 0, f"newszone {' '.join(args)} failed: {err}")
        return out

    def assert_one_line_error(self, code, err, expected_code=None, mentions=()):
        self.assertNotEqual(code, 0)
        if expected_code is not None:
            self.assertEqual(code, expected_code, err)
        lines = err.strip("\n").split("\n")
        self.assertEqual(len(lines), 1, f"expected one line on stderr, got:\n{err}")
        self.assertTrue(lines[0].startswith("newszone: "), err)
        for m in mentions:
            self.assertIn(m, lines[0])

    def add_china_zone(self, *extra):
        self.ok("site", "set", "--name", "Helsinki Times")
        self.ok("partner", "add", "--name", PARTNER, "--url", "http://en.people.cn/")
        self.ok("zone", "add", "--slug", "china", "--title", "China News Zone",
                "--partner", PARTNER, "--topic", "country:CN", *extra)

    def zone_row(self, slug):
        rows = table_rows(self.ok("zone", "list"))
        return next((r for r in rows if r.get("SLUG") == slug), None)

    def serve(self, **kwargs):
        server = NzServer(data_dir=self.data, **kwargs)
        self.addCleanup(server.cleanup)
        return server.start()


class ZoneCommandsTest(CliTestCase):
    def test_zone_add_then_list_shows_the_zone(self):
        self.add_china_zone()
        row = self.zone_row("china")
        self.assertIsNotNone(row, "zone list does not show the new zone")
        self.assertEqual(row["TITLE"], "China News Zone")
        self.assertEqual(row["PARTNER"], PARTNER)
        self.assertEqual(row["TOPIC"], "country:CN")
        self.assertEqual(row["MODERATION"], "auto-publish")
        self.assertEqual(row["NOINDEX"], "no")

    def test_zone_set_changes_only_the_given_fields(self):
        self.add_china_zone()
        self.ok("zone", "set", "china", "--moderation", "hold-for-review", "--noindex", "true",
                "--contract-end", "2099-12-31")
        row = self.zone_row("china")
        self.assertEqual(row["MODERATION"], "hold-for-review")
        self.assertEqual(row["NOINDEX"], "yes")
        self.assertEqual(row["ENDS"], "2099-12-31")
        self.assertEqual(row["TITLE"], "China News Zone")
        self.assertEqual(row["PARTNER"], PARTNER)
        self.assertEqual(row["TOPIC"], "country:CN")

    def test_partner_add_then_list_shows_the_partner(self):
        self.ok("partner", "add", "--name", PARTNER, "--url", "http://en.people.cn/")
        rows = table_rows(self.ok("partner", "list"))
        self.assertEqual([(r["SLUG"], r["NAME"], r["URL"]) for r in rows],
                         [("peoples-daily-online", PARTNER, "http://en.people.cn/")])

    def test_section_add_then_list_shows_the_section(self):
        self.ok("section", "add", "--title", "Finland", "--slug", "news", "--position", "1")
        rows = table_rows(self.ok("section", "list"))
        self.assertEqual([(r["SLUG"], r["TITLE"], r["POSITION"]) for r in rows],
                         [("news", "Finland", "1")])

    def test_site_set_then_show(self):
        self.ok("site", "set", "--name", "Helsinki Times", "--base-url",
                "https://www.helsinkitimes.fi/", "--tagline", "Finland's news in English")
        out = self.ok("site", "show")
        self.assertIn("name: Helsinki Times", out)
        self.assertIn("base_url: https://www.helsinkitimes.fi\n", out)
        self.assertIn("tagline: Finland's news in English", out)

    def test_zone_page_shows_the_label_with_the_partners_name(self):
        self.add_china_zone()
        server = self.serve()
        _, doc = server.page("/china/")
        label = doc.find("aside", cls="zone-label")
        self.assertIsNotNone(label, "the zone page has no label")
        self.assertEqual(label.find("p", cls="attribution").text,
                         f"This page is provided in cooperation with {PARTNER}.")
        self.assertEqual(label.find("p", cls="disclaimer").text,
                         "HELSINKI TIMES does not exercise editorial control over this section "
                         "and is not responsible for the topics and content of this section.")
        server.stop()

    def test_custom_attribution_and_disclaimer_templates_are_filled_in(self):
        self.add_china_zone("--attribution", "Supplied by {{partner}} to {{SITE}}.",
                            "--disclaimer", "{{site}} does not edit what {{partner}} sends.")
        server = self.serve()
        _, doc = server.page("/china/")
        label = doc.find("aside", cls="zone-label")
        self.assertEqual(label.find("p", cls="attribution").text,
                         f"Supplied by {PARTNER} to HELSINKI TIMES.")
        self.assertEqual(label.find("p", cls="disclaimer").text,
                         f"Helsinki Times does not edit what {PARTNER} sends.")
        server.stop()

    def test_markup_in_a_label_template_is_shown_as_text(self):
        self.add_china_zone("--attribution", "<b>From</b> {{partner}} <script>x()</script>")
        server = self.serve()
        resp, doc = server.page("/china/")
        self.assertIsNone(doc.find("script"))
        self.assertIsNone(doc.find("b"))
        self.assertEqual(doc.find("p", cls="attribution").text,
                         f"<b>From</b> {PARTNER} <script>x()</script>")
        server.stop()

    def test_zone_set_attribution_shows_on_the_next_request(self):
        self.add_china_zone()
        server = self.serve()
        self.ok("zone", "set", "china", "--attribution", "From {{partner}}, with thanks.")
        _, doc = server.page("/china/")
        self.assertEqual(doc.find("p", cls="attribution").text, f"From {PARTNER}, with thanks.")
        server.stop()

    def test_noindex_zone_pages_ask_robots_not_to_index(self):
        self.add_china_zone("--noindex", "true")
        server = self.serve()
        _, doc = server.page("/china/")
        robots = doc.find("meta", name="robots")
        self.assertIsNotNone(robots)
        self.assertEqual(robots.get("content"), "noindex")
        server.stop()

    def test_hold_for_review_zone_does_not_publish_imports(self):
        self.add_china_zone("--moderation", "hold-for-review")
        out = self.ok("import", "-", "--print-ids", input=article_json_line(
            "china", "held-1", "A held story", "2022-09-13T08:00:00Z") + "\n")
        article_id = out.split("\t")[1]
        server = self.serve()
        _, doc = server.page("/china/")
        self.assertEqual(nzserver.article_links(doc), [])
        self.assertEqual(server.get(f"/china/{article_id}-a-held-story").status, 404)
        server.stop()

    def test_past_contract_end_shows_an_archive_notice(self):
        self.add_china_zone("--contract-start", "2020-01-01", "--contract-end", "2021-06-30")
        self.ok("import", "-", input=article_json_line(
            "china", "old-1", "An old story", "2021-01-05T08:00:00Z") + "\n")
        server = self.serve()
        _, doc = server.page("/china/")
        notice = doc.find("p", cls="archived-notice")
        self.assertIsNotNone(notice, "no archive notice on the zone index")
        self.assertIn("2021-06-30", notice.text)
        [href] = nzserver.article_links(doc.find("main"))
        _, article = server.page(href)
        self.assertIsNotNone(article.find("p", cls="archived-notice"),
                             "no archive notice on the zone's article")
        server.stop()

    def test_future_contract_end_shows_no_archive_notice(self):
        self.add_china_zone("--contract-end", "2999-12-31")
        server = self.serve()
        _, doc = server.page("/china/")
        self.assertIsNone(doc.find("p", cls="archived-notice"))
        server.stop()

    def test_import_reports_bad_lines_by_number_and_keeps_the_good_ones(self):
        self.add_china_zone()
        lines = [article_json_line("china", "good-1", "Good one", "2022-01-01T00:00:00Z"),
                 "{not json",
                 article_json_line("nowhere", "bad-2", "No such section", "2022-01-01T00:00:00Z"),
                 article_json_line("china", "good-2", "Good two", "2022-01-02T00:00:00Z")]
        code, out, err = self.cli("import", "-", "--print-ids", input="\n".join(lines) + "\n")
        self.assertEqual(code, 1, err)
        self.assertEqual([l.split("\t")[2] for l in out.splitlines()], ["good-1", "good-2"])
        self.assertIn(":2:", err)
        self.assertIn(":3:", err)
        self.assertIn("2 new", err)
        self.assertIn("2 failed", err)


class CliErrorsTest(CliTestCase):
    def test_unknown_flag_exits_2_with_a_one_line_error(self):
        cases = [
            ("zone", "add", "--title", "X", "--partner", PARTNER, "--bogus", "1"),
            ("zone", "list", "--bogus"),
            ("--bogus", "zone", "list"),
            ("partner", "list", "extra-argument"),
        ]
        for args in cases:
            with self.subTest(args=args):
                code, out, err = self.cli(*args)
                self.assert_one_line_error(code, err, 2)
                self.assertEqual(out, "")

    def test_unknown_subcommand_exits_2(self):
        code, _, err = self.cli("zones", "list")
        self.assert_one_line_error(code, err, 2, mentions=("zones",))

    def test_bad_flag_value_exits_2_naming_the_flag(self):
        self.add_china_zone()
        for args, flag in [(("zone", "set", "china", "--noindex", "maybe"), "--noindex"),
                           (("zone", "set", "china", "--contract-end", "2021-13-45"),
                            "--contract-end"),
                           (("zone", "set", "china", "--moderation", "sometimes"),
                            "--moderation"),
                           (("zone", "set", "china", "--canonical", "both"), "--canonical"),
                           (("zone", "set", "china", "--paid-content", "perhaps"),
                            "--paid-content"),
                           (("serve", "--listen", "nowhere"), "--listen")]:
            with self.subTest(args=args):
                code, _, err = self.cli(*args)
                self.assert_one_line_error(code, err, 2, mentions=(flag,))

    def test_zone_for_an_unknown_partner_exits_2(self):
        code, _, err = self.cli("zone", "add", "--title", "Z", "--partner", "Nobody")
        self.assert_one_line_error(code, err, 2, mentions=("Nobody",))

    def test_bad_config_key_fails_naming_the_key(self):
        config = os.path.join(self.tmp, "newszone.toml")
        with open(config, "w") as f:
            f.write('[server]\nlisen = "127.0.0.1:0"\n')
        for args in (("--config", config, "zone", "list"), ("zone", "list", "--config", config)):
            with self.subTest(args=args):
                code, _, err = self.cli(*args)
                self.assert_one_line_error(code, err, mentions=("server.lisen",))

    def test_bad_config_key_stops_serve_naming_the_key(self):
        config = os.path.join(self.tmp, "newszone.toml")
        with open(config, "w") as f:
            f.write('data_dir = "x"\n[log]\nlevle = "info"\n')
        code, _, err = run_cli(["--config", config, "serve", "--listen", "127.0.0.1:0"],
                               data_dir=self.data, timeout=20)
        self.assert_one_line_error(code, err, mentions=("log.levle",))

    def test_data_folder_that_is_a_file_fails_naming_it(self):
        path = os.path.join(self.tmp, "not-a-folder")
        with open(path, "w") as f:
            f.write("x")
        code, _, err = run_cli(["zone", "list"], data_dir=path)
        self.assert_one_line_error(code, err, mentions=(path,))

    def test_serve_with_a_data_folder_that_is_a_file_fails_naming_it(self):
        path = os.path.join(self.tmp, "not-a-folder")
        with open(path, "w") as f:
            f.write("x")
        code, _, err = run_cli(["serve", "--listen", "127.0.0.1:0"], data_dir=path, timeout=20)
        self.assertNotEqual(code, 0)
        self.assertIn(path, err)

    def test_port_in_use_fails_naming_the_address(self):
        first = self.serve(demo=True)
        code, _, err = run_cli(["serve", "--listen", f"127.0.0.1:{first.port}"],
                               data_dir=os.path.join(self.tmp, "other"), timeout=20)
        self.assertNotEqual(code, 0)
        self.assertIn(f"127.0.0.1:{first.port}", err)
        self.assertIn("in use", err)
        self.assertEqual(first.get("/healthz").status, 200)
        first.stop()


class ConfigPrecedenceTest(CliTestCase):
    def test_listen_flag_wins_over_the_environment(self):
        # The environment names a port that is taken: serving there would fail.
        with free_port_holder() as busy:
            taken = busy.getsockname()[1]
            server = self.serve(env={"NEWSZONE_LISTEN": f"127.0.0.1:{taken}"},
                                listen="127.0.0.1:0")
            self.assertNotEqual(server.port, taken)
            self.assertEqual(server.get("/healthz").status, 200)
            server.stop()

    def test_listen_from_the_environment_is_used_without_the_flag(self):
        server = self.serve(env={"NEWSZONE_LISTEN": "127.0.0.1:0"}, listen=None)
        self.assertNotEqual(server.port, 8080)
        self.assertEqual(server.get("/healthz").status, 200)
        server.stop()

    def test_environment_wins_over_the_config_file(self):
        config = os.path.join(self.tmp, "newszone.toml")
        with free_port_holder() as busy:
            taken = busy.getsockname()[1]
            with open(config, "w") as f:
                f.write(f'[server]\nlisten = "127.0.0.1:{taken}"\n')
            server = self.serve(env={"NEWSZONE_LISTEN": "127.0.0.1:0",
                                     "NEWSZONE_CONFIG": config}, listen=None)
            self.assertNotEqual(server.port, taken)
            server.stop()

    def test_global_options_may_follow_the_subcommand(self):
        code, out, err = run_cli(["partner", "add", "--name", PARTNER, "--data", self.data])
        self.assertEqual(code, 0, err)
        rows = table_rows(self.ok("partner", "list"))
        self.assertEqual([r["NAME"] for r in rows], [PARTNER])


class BackupAndDemoTest(CliTestCase):
    def count_articles(self, db_path):
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()

    def test_backup_while_serving_is_a_complete_consistent_copy(self):
        server = self.serve(demo=True)
        expected = server.get("/healthz").json()["articles"]
        stop = threading.Event()
        statuses = []

        def readers():
            while not stop.is_set():
                statuses.append(server.get("/").status)

        reader = threading.Thread(target=readers)
        reader.start()
        try:
            backup = os.path.join(self.tmp, "backup.db")
            code, _, err = self.cli("backup", backup)
        finally:
            stop.set()
            reader.join(10)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.count_articles(backup), expected)
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            guids = {g for (g,) in conn.execute("SELECT guid FROM articles")}
        finally:
            conn.close()
        self.assertIn("demo:pdo:xi-sco-samarkand-2022", guids)
        self.assertTrue(statuses and all(s == 200 for s in statuses))
        self.assertEqual(server.get("/healthz").status, 200)
        server.stop()

    def test_backup_copy_serves_as_a_data_folder(self):
        server = self.serve(demo=True)
        restored = os.path.join(self.tmp, "restored")
        os.makedirs(restored)
        self.ok("backup", os.path.join(restored, "newszone.db"))
        server.stop()
        with NzServer(data_dir=restored) as copy:
            self.assertEqual(copy.get("/healthz").json()["articles"], 15)
            self.assertEqual(copy.get("/china-news-zone/").status, 200)

    def test_backup_does_not_overwrite_an_existing_file(self):
        self.ok("section", "add", "--title", "News")
        target = os.path.join(self.tmp, "exists.db")
        with open(target, "w") as f:
            f.write("keep me")
        code, _, err = self.cli("backup", target)
        self.assert_one_line_error(code, err, mentions=(target,))
        with open(target) as f:
            self.assertEqual(f.read(), "keep me")

    def test_serve_demo_twice_keeps_one_copy_of_the_demo(self):
        for _ in range(2):
            server = NzServer(data_dir=self.data, demo=True)
            try:
                server.start()
                self.assertEqual(server.get("/healthz").json()["articles"], 15)
                server.stop()
            finally:
                server.cleanup()
        rows = table_rows(self.ok("zone", "list"))
        self.assertEqual([r["SLUG"] for r in rows], ["china-news-zone"])
        self.assertEqual(len(table_rows(self.ok("partner", "list"))), 1)
        self.assertEqual(len(table_rows(self.ok("section", "list"))), 1)

    def test_serve_demo_leaves_a_non_empty_data_folder_alone(self):
        self.ok("section", "add", "--title", "Local", "--slug", "local")
        with NzServer(data_dir=self.data, demo=True) as server:
            self.assertEqual(server.get("/healthz").json()["articles"], 0)
            self.assertEqual(server.get("/china-news-zone/").status, 404)


if __name__ == "__main__":
    unittest.main()
