-- 009_moderation: what the moderation queue and the article view need (issue 8). Conventions
-- as in 001_initial.sql.

-- Why an editor rejected or withdrew the article, in the editor's words, shown to its partner;
-- '' otherwise. Cleared whenever the status changes (store::ArticleStore::set_status_reason).
ALTER TABLE articles ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';

-- The user who made a version by hand (an editor's edit of headline or standfirst); NULL for
-- the versions a partner delivered or an import stored.
ALTER TABLE article_versions ADD COLUMN editor_id INTEGER REFERENCES users (id);

-- The queue (pending articles, most recently received first) and the admin's article search
-- read off this index.
CREATE INDEX articles_status_ingested ON articles (status, ingested DESC, id DESC);
CREATE INDEX articles_ingested ON articles (ingested DESC, id DESC);
