-- Issue 6: "Related" weighs a shared topic by how many articles carry it (count_topic_tags),
-- on every uncached article page. Counting a big topic's tags each time was 12% of a zone
-- article's render; the count is kept here instead, by triggers, in the same transaction as
-- the tag's change. Its own table, not a column of topics: a change to topics moves
-- site_changes (006_page_changes.sql), which drops every cached page.
CREATE TABLE topic_counts (
  topic_id  INTEGER PRIMARY KEY,
  articles  INTEGER NOT NULL CHECK (articles >= 0)
) STRICT;

INSERT INTO topic_counts (topic_id, articles)
  SELECT topic_id, count(*) FROM article_topics WHERE removed = 0 GROUP BY topic_id;

CREATE TRIGGER topic_counts_tag_added AFTER INSERT ON article_topics
WHEN NEW.removed = 0
BEGIN
  INSERT INTO topic_counts (topic_id, articles) VALUES (NEW.topic_id, 1)
    ON CONFLICT (topic_id) DO UPDATE SET articles = articles + 1;
END;

CREATE TRIGGER topic_counts_tag_deleted AFTER DELETE ON article_topics
WHEN OLD.removed = 0
BEGIN
  UPDATE topic_counts SET articles = articles - 1 WHERE topic_id = OLD.topic_id;
END;

-- An editor's removal sets removed = 1; tagging it again sets it back to 0.
CREATE TRIGGER topic_counts_tag_changed AFTER UPDATE OF removed, topic_id ON article_topics
WHEN OLD.removed <> NEW.removed OR OLD.topic_id <> NEW.topic_id
BEGIN
  UPDATE topic_counts SET articles = articles - 1
    WHERE topic_id = OLD.topic_id AND OLD.removed = 0;
  INSERT INTO topic_counts (topic_id, articles) VALUES (NEW.topic_id, 1 - NEW.removed)
    ON CONFLICT (topic_id) DO UPDATE SET articles = articles + 1 - NEW.removed;
END;
