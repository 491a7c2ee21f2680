-- 012_listing_walks: list pages (a section's, a topic's) read one index range in order and
-- the rows they show, nothing else. Conventions as in 001_initial.sql.
--
-- Issue 6: at 10,000 articles a list page cost about 10.6 ms of server CPU against 0.4 ms for
-- an article (docs/benchmarks.md, "Pages (issue 6)"), nearly all of it in SQLite and in the
-- kernel copying database pages. A section page walked articles_section_listing, which lacks
-- duplicate_of and embargo_until, so counting the section and stepping over OFFSET rows read
-- every earlier article's row (those two columns sit after the body, on overflow pages). A
-- topic page walked every published article of the site newest first (articles_listing)
-- and looked each up in article_topics, for the count and again for the page.

-- The section listing's index again, with the columns "listed" (store/article_store.h) reads,
-- so that the count and the OFFSET walk never leave the index.
DROP INDEX articles_section_listing;
CREATE INDEX articles_section_listing
  ON articles (section_id, status, published DESC, id DESC, duplicate_of, embargo_until);

-- What the topic listing needs to know of a tag's article, copied onto the tag: when the
-- article was published, its embargo, and whether it is listable (published and not a
-- near-duplicate; listed = listable and past any embargo, which is a matter of time, so the
-- embargo is kept, not judged). The triggers below keep the copies equal to the article's
-- whatever code writes either table; sqlite_store_test.cpp checks them after every change
-- that can move them.
ALTER TABLE article_topics ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_topics ADD COLUMN embargo_until INTEGER;
ALTER TABLE article_topics ADD COLUMN listable INTEGER NOT NULL DEFAULT 0
  CHECK (listable IN (0, 1));

UPDATE article_topics SET (published, embargo_until, listable) =
  (SELECT a.published, a.embargo_until, a.status = 'published' AND a.duplicate_of IS NULL
     FROM articles a WHERE a.id = article_topics.article_id);

-- list_topic_articles: a topic's listable, unremoved tags newest first, with the embargo to
-- filter on, read off this index alone; only the page's own articles are then read.
CREATE INDEX article_topics_listing
  ON article_topics (topic_id, removed, listable, published DESC, article_id DESC,
                     embargo_until);

-- A new tag (or one moved to another article) takes its article's values.
CREATE TRIGGER article_topics_listing_tagged AFTER INSERT ON article_topics
BEGIN
  UPDATE article_topics SET (published, embargo_until, listable) =
    (SELECT a.published, a.embargo_until, a.status = 'published' AND a.duplicate_of IS NULL
       FROM articles a WHERE a.id = NEW.article_id)
    WHERE article_id = NEW.article_id AND topic_id = NEW.topic_id;
END;

CREATE TRIGGER article_topics_listing_retagged AFTER UPDATE OF article_id ON article_topics
WHEN NEW.article_id IS NOT OLD.article_id
BEGIN
  UPDATE article_topics SET (published, embargo_until, listable) =
    (SELECT a.published, a.embargo_until, a.status = 'published' AND a.duplicate_of IS NULL
       FROM articles a WHERE a.id = NEW.article_id)
    WHERE article_id = NEW.article_id AND topic_id = NEW.topic_id;
END;

-- An article's status, duplicate mark, published time or embargo changed: so do its tags'.
-- A new version rewrites these columns with the same values; the WHEN leaves its tags alone.
CREATE TRIGGER articles_listing_changed
AFTER UPDATE OF status, duplicate_of, published, embargo_until ON articles
WHEN NEW.status IS NOT OLD.status OR NEW.duplicate_of IS NOT OLD.duplicate_of
  OR NEW.published IS NOT OLD.published OR NEW.embargo_until IS NOT OLD.embargo_until
BEGIN
  UPDATE article_topics
    SET published = NEW.published, embargo_until = NEW.embargo_until,
        listable = (NEW.status = 'published' AND NEW.duplicate_of IS NULL)
    WHERE article_id = NEW.id;
END;
