"""What the store keeps across restarts and crashes (SIGKILL of the importer or the server)."""

import json
import os
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

import nzserver
from nzserver import NzServer, article_json_line, run_cli

DEMO_ARTICLES = 15


def burst_lines(section, count, prefix):
    return [json.dumps({"section": section, "guid": f"{prefix}-{i}",
                        "headline": f"{prefix} story {i}",
                        "published": f"2023-01-01T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:"
                                     f"{i % 60:02d}Z",
                        "paragraphs": [f"Paragraph one of {prefix} {i}.", "x" * 400]})
            for i in range(count)]


class Importer:
    """`newszone import - --print-ids` fed from a pipe, its printed ids collected as they come."""

    def __init__(self, data_dir, lines):
        self.proc = subprocess.Popen(
            [nzserver.binary(), "--data", data_dir, "import", "-", "--print-ids"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=nzserver.base_env())
        self.printed = []  # (line, id, guid)
        self.lock = threading.Lock()
        self.progress = threading.Condition(self.lock)
        self.stderr = b""
        self._threads = [threading.Thread(target=self._write, args=(lines,), daemon=True),
                         threading.Thread(target=self._read, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for t in self._threads:
            t.start()

    def _write(self, lines):
        try:
            for line in lines:
                self.proc.stdin.write(line.encode() + b"\n")
            self.proc.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # killed while we were still writing

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            parts = raw.decode().rstrip("\n").split("\t")
            with self.progress:
                # A line cut short by the kill is not a report of a commit.
                if raw.endswith(b"\n") and len(parts) == 3:
                    self.printed.append((int(parts[0]), int(parts[1]), parts[2]))
                self.progress.notify_all()

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def wait_printed(self, count, timeout):
        with self.progress:
            return self.progress.wait_for(
                lambda: len(self.printed) >= count or self.proc.poll() is not None, timeout)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        return self.finish(10)

    def finish(self, timeout):
        code = self.proc.wait(timeout)
        for t in self._threads:
            t.join(10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                pipe.close()
            except (OSError, ValueError):
                pass  # a write cut short by the kill may leave the buffer unflushable
        return code


class DurabilityTestCase(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="nz-dur-")
        self.addCleanup(tmp.cleanup)
        self.data = os.path.join(tmp.name, "data")
        self.db = os.path.join(self.data, "newszone.db")

    def sqlite_rows(self, sql):
        conn = sqlite3.connect(self.db, timeout=5)
        try:
            self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def add_section(self, slug):
        code, _, err = run_cli(["section", "add", "--title", slug.title(), "--slug", slug],
                               data_dir=self.data)
        self.assertEqual(code, 0, err)


class RestartTest(DurabilityTestCase):
    def test_imported_article_survives_a_restart(self):
        self.add_section("news")
        code, out, err = run_cli(["import", "-", "--print-ids"], data_dir=self.data,
                                 input=article_json_line("news", "keep-1", "Kept across restarts",
                                                         "2023-05-01T10:00:00Z") + "\n")
        self.assertEqual(code, 0, err)
        article_id = out.split("\t")[1]
        path = f"/news/{article_id}-kept-across-restarts"
        with NzServer(data_dir=self.data) as server:
            self.assertEqual(server.get(path).status, 200)
        with NzServer(data_dir=self.data) as server:
            _, doc = server.page(path)
            self.assertEqual(doc.find("h1").text, "Kept across restarts")

    def test_demo_site_survives_a_restart_without_demo(self):
        with NzServer(data_dir=self.data, demo=True):
            pass
        with NzServer(data_dir=self.data) as server:
            self.assertEqual(server.get("/healthz").json()["articles"], DEMO_ARTICLES)
            self.assertEqual(server.get("/china-news-zone/").status, 200)


class CrashTest(DurabilityTestCase):
    def test_every_article_reported_committed_survives_kill_9_of_the_importer(self):
        self.add_section("burst")
        importer = Importer(self.data, burst_lines("burst", 3000, "burst"))
        try:
            reached = importer.wait_printed(200, timeout=30)
        finally:
            code = importer.kill()
        self.assertTrue(reached, f"fewer than 200 ids printed in 30 s: {importer.stderr!r}")
        self.assertEqual(code, -signal.SIGKILL,
                         f"the import ended by itself ({code}) before the kill: make it longer")
        printed = importer.printed
        self.assertGreaterEqual(len(printed), 200)
        self.assertLess(len(printed), 3000)

        rows = dict(self.sqlite_rows("SELECT id, guid FROM articles"))
        for line, article_id, guid in printed:
            self.assertEqual(guid, f"burst-{line - 1}")
            self.assertEqual(rows.get(article_id), guid, f"printed article {article_id} lost")
        # At most the one article committed between its commit and its line.
        self.assertLessEqual(len(rows), len(printed) + 1)

        with NzServer(data_dir=self.data) as server:
            self.assertEqual(server.get("/healthz").json()["articles"], len(rows))
            conn = server.connection(timeout=10)
            try:
                for line, article_id, guid in printed:
                    conn.request("GET", f"/burst/{article_id}-burst-story-{line - 1}")
                    resp = conn.getresponse()
                    resp.read()
                    self.assertEqual(resp.status, 200, f"article {article_id} ({guid})")
            finally:
                conn.close()

    def test_import_after_a_killed_import_continues_cleanly(self):
        self.add_section("burst")
        lines = burst_lines("burst", 3000, "burst")
        importer = Importer(self.data, lines)
        try:
            importer.wait_printed(100, timeout=30)
        finally:
            importer.kill()
        # The same input again: what was committed is unchanged, the rest is new.
        code, out, err = run_cli(["import", "-"], data_dir=self.data,
                                 input="\n".join(lines[:500]) + "\n")
        self.assertEqual(code, 0, err)
        self.assertIn("0 failed", err)
        [(count, distinct)] = self.sqlite_rows("SELECT count(*), count(DISTINCT guid) "
                                               "FROM articles")
        self.assertEqual(count, distinct)
        self.assertGreaterEqual(count, 500)

    def test_kill_9_of_the_server_while_imports_run_leaves_a_store_that_opens(self):
        server = NzServer(data_dir=self.data, demo=True)
        self.addCleanup(server.cleanup)
        server.start()
        stop = threading.Event()

        def browse():
            while not stop.is_set():
                try:
                    server.get("/news/", timeout=2)
                    server.get("/topics/china", timeout=2)
                except OSError:
                    pass  # the server is gone

        browser = threading.Thread(target=browse)
        browser.start()
        importer = Importer(self.data, burst_lines("news", 1500, "live"))
        try:
            self.assertTrue(importer.wait_printed(100, timeout=30), importer.stderr)
            server.kill()
        finally:
            stop.set()
            browser.join(10)
        code = importer.finish(60)
        self.assertEqual(code, 0, importer.stderr)
        self.assertEqual(len(importer.printed), 1500)

        [(count,)] = self.sqlite_rows("SELECT count(*) FROM articles")
        self.assertEqual(count, DEMO_ARTICLES + 1500)
        with NzServer(data_dir=self.data) as again:
            self.assertEqual(again.get("/healthz").json()["articles"], DEMO_ARTICLES + 1500)
            line, article_id, _ = importer.printed[-1]
            self.assertEqual(again.get(f"/news/{article_id}-live-story-{line - 1}").status, 200)
            self.assertEqual(again.get("/").status, 200)

    def test_kill_9_during_demo_seeding_then_demo_again_gives_the_whole_demo(self):
        # Kill the server as soon as the demo's first section is visible, i.e. while it is
        # still seeding; starting with --demo again must leave the whole demo, not a part.
        for attempt in range(5):
            server = NzServer(data_dir=os.path.join(self.data, str(attempt)), demo=True)
            self.addCleanup(server.cleanup)
            db = os.path.join(server.data_dir, "newszone.db")
            server.spawn()
            caught = False
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and server.proc.poll() is None:
                try:
                    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.01)
                    try:
                        caught = conn.execute("SELECT count(*) FROM sections").fetchone()[0] > 0
                    finally:
                        conn.close()
                except sqlite3.Error:
                    pass
                if caught:
                    break
            server.kill()
            conn = sqlite3.connect(db)
            try:
                [(articles,)] = conn.execute("SELECT count(*) FROM articles").fetchall()
            finally:
                conn.close()
            if caught and articles < DEMO_ARTICLES:
                break  # killed mid-seed
        else:
            self.skipTest("could not kill the server while it was seeding the demo")
        with NzServer(data_dir=server.data_dir, demo=True) as again:
            self.assertEqual(again.get("/healthz").json()["articles"], DEMO_ARTICLES,
                             f"a demo killed with {articles} articles stored was not completed")
            self.assertEqual(again.get("/china-news-zone/").status, 200)
            self.assertEqual(again.get("/news/").status, 200)


if __name__ == "__main__":
    unittest.main()
