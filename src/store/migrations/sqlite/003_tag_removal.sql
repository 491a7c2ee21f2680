-- Issue 5: an editor's removal of a tag is a decision re-tagging must respect. The row stays,
-- as source 'editor' with removed = 1, so that neither the tagger nor the zone puts the tag
-- back; every query that lists tags or tagged articles reads only removed = 0.
ALTER TABLE article_topics ADD COLUMN removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1));
