-- 006_page_changes: what the page cache (cache/page_cache.h) needs to know that a page it
-- keeps is out of date. Conventions as in 001_initial.sql.
--
-- Articles carry their own change_seq. Every page also shows the site's name, the sections in
-- its navigation, a zone's partner and labels, and topic names; a change to any of them moves
-- site_changes.seq, whatever code makes it (the admin, the CLI, another server), and the cache
-- then drops every page. A new topic or partner shows on no page until an article or section
-- names it, which moves a sequence anyway, so their inserts do not count.
CREATE TABLE site_changes (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL
) STRICT;
INSERT INTO site_changes (id, seq) VALUES (1, 0);

CREATE TRIGGER site_changes_site_insert AFTER INSERT ON site
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_site_update AFTER UPDATE ON site
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_sections_insert AFTER INSERT ON sections
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_sections_update AFTER UPDATE ON sections
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_sections_delete AFTER DELETE ON sections
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_partners_update AFTER UPDATE ON partners
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_partners_delete AFTER DELETE ON partners
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_topics_update AFTER UPDATE ON topics
BEGIN UPDATE site_changes SET seq = seq + 1; END;
CREATE TRIGGER site_changes_topics_delete AFTER DELETE ON topics
BEGIN UPDATE site_changes SET seq = seq + 1; END;

-- An embargoed article joins its lists when the embargo ends, with no write at that moment:
-- the cache asks for the next such time (next_embargo_end) and which articles it frees.
CREATE INDEX articles_embargo_until ON articles (embargo_until)
  WHERE embargo_until IS NOT NULL AND status = 'published';

-- How common a topic is (count_topic_tags), for ranking Related, read off this index alone.
CREATE INDEX article_topics_topic_removed ON article_topics (topic_id, removed);

-- Listings walk the published articles newest first and keep those of one topic or section
-- that are listed; with these columns in the index the walk never reads an article's row
-- (whose duplicate_of and embargo_until sit after the body, often on overflow pages) until
-- it is one to show. At 10,000 articles that row reading made a zone's article page take
-- 100-180 ms (docs/benchmarks.md, "Pages (issue 6)").
CREATE INDEX articles_listing
  ON articles (status, published DESC, id DESC, duplicate_of, embargo_until, section_id);
