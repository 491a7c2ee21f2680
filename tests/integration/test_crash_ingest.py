"""kill -9 during a large feed ingest (issue 3): restart, ingest again, and no article is lost
or duplicated; the interrupted delivery stays on record."""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import nzserver
from nzserver import NzServer, run_cli

ITEMS = 3000


def db_query(data_dir, sql):
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data_dir, "newszone.db"), uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


class CrashDuringIngestTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="nz-crash-ingest-")
        self.data = os.path.join(self.tmp.name, "data")
        with NzServer(data_dir=self.data, demo=True):
            pass
        self.feed = os.path.join(self.tmp.name, "feed.xml")
        with open(self.feed, "w") as out:
            subprocess.run([sys.executable,
                            os.path.join(nzserver.source_dir(), "bench", "make_feed.py"),
                            "--items", str(ITEMS)], stdout=out, check=True, timeout=120)
        self.zone_id = db_query(self.data,
                                "SELECT id FROM sections WHERE slug = 'china-news-zone'")[0][0]

    def tearDown(self):
        self.tmp.cleanup()

    def zone_articles(self):
        return db_query(self.data, "SELECT count(*) FROM articles WHERE section_id = %d"
                        % self.zone_id)[0][0]

    def test_kill_9_mid_ingest_loses_and_duplicates_nothing(self):
        before = self.zone_articles()
        proc = subprocess.Popen([nzserver.binary(), "--data", self.data, "ingest", "--zone",
                                 "china-news-zone", self.feed],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=nzserver.base_env())
        try:
            # Wait (bounded) until some items are committed, then kill without warning.
            deadline = time.monotonic() + 120
            while self.zone_articles() == before and time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
            proc.stdout.close()
            proc.stderr.close()
        self.assertEqual(proc.returncode, -signal.SIGKILL, "killed mid-way, not finished")
        stored_at_kill = self.zone_articles() - before
        self.assertGreater(stored_at_kill, 0)
        self.assertLess(stored_at_kill, ITEMS, "the kill came before the end")
        self.assertEqual(db_query(self.data, "PRAGMA integrity_check"), [("ok",)])
        # Every article that is there is whole: its row and its version 1.
        self.assertEqual(db_query(self.data,
                                  "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 "
                                  "FROM article_versions v WHERE v.article_id = a.id)"), [(0,)])
        self.assertEqual(db_query(self.data,
                                  "SELECT result FROM deliveries ORDER BY id DESC LIMIT 1"),
                         [("in progress",)], "the interrupted delivery is on record")

        code, out, err = run_cli(["ingest", "--zone", "china-news-zone", self.feed],
                                 data_dir=self.data, timeout=300)
        self.assertEqual(code, 0, err)
        self.assertIn("%d new" % (ITEMS - stored_at_kill), out)
        self.assertIn("%d unchanged" % stored_at_kill, out)
        self.assertEqual(self.zone_articles() - before, ITEMS)
        self.assertEqual(db_query(self.data,
                                  "SELECT count(DISTINCT guid), count(*), sum(version) "
                                  "FROM articles WHERE guid LIKE 'pdo-%'"),
                         [(ITEMS, ITEMS, ITEMS)], "one article, one version per item")
        self.assertEqual(db_query(self.data,
                                  "SELECT count(*) FROM article_versions v JOIN articles a ON "
                                  "a.id = v.article_id WHERE a.guid LIKE 'pdo-%'"), [(ITEMS,)])


if __name__ == "__main__":
    unittest.main()
