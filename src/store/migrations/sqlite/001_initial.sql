-- 001_initial: the whole newszone schema as first released.
-- Applied once, inside one transaction, by store::sqlite::apply_migrations. Never edit a
-- migration that has shipped: add NNN_next.sql instead.
--
-- Times are INTEGER unix seconds (UTC). Enums are stored as their model::to_string names and
-- CHECKed, so a row written by a newer binary with an unknown value fails loudly here rather
-- than being read back as a default. STRICT makes SQLite refuse values of the wrong type.

-- The host publication: at most one row, id 1.
CREATE TABLE site (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  name      TEXT NOT NULL,
  base_url  TEXT NOT NULL,
  language  TEXT NOT NULL,
  tagline   TEXT NOT NULL
) STRICT;

CREATE TABLE partners (
  id    INTEGER PRIMARY KEY,
  slug  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL UNIQUE,
  url   TEXT NOT NULL
) STRICT;

CREATE TABLE topics (
  id    INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('country', 'organization', 'person', 'subject')),
  key   TEXT NOT NULL,
  name  TEXT NOT NULL,
  slug  TEXT NOT NULL UNIQUE,
  UNIQUE (kind, key)
) STRICT;

CREATE TABLE sections (
  id                    INTEGER PRIMARY KEY,
  slug                  TEXT NOT NULL UNIQUE,
  title                 TEXT NOT NULL,
  description           TEXT NOT NULL,
  kind                  TEXT NOT NULL CHECK (kind IN ('editorial', 'zone')),
  position              INTEGER NOT NULL,
  partner_id            INTEGER REFERENCES partners (id),
  attribution_template  TEXT NOT NULL,
  disclaimer_template   TEXT NOT NULL,
  topic_id              INTEGER REFERENCES topics (id),
  moderation            TEXT NOT NULL CHECK (moderation IN ('auto-publish', 'hold-for-review')),
  contract_start        TEXT,
  contract_end          TEXT,
  noindex               INTEGER NOT NULL CHECK (noindex IN (0, 1))
) STRICT;

-- The current version of each article. Its content columns repeat the newest
-- article_versions row so that listings need no join.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  section_id    INTEGER NOT NULL REFERENCES sections (id),
  guid          TEXT NOT NULL,
  slug          TEXT NOT NULL,
  headline      TEXT NOT NULL,
  standfirst    TEXT NOT NULL,
  body_html     TEXT NOT NULL,
  author        TEXT NOT NULL,
  language      TEXT NOT NULL,
  original_url  TEXT NOT NULL,
  published     INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  ingested      INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'withdrawn')),
  version       INTEGER NOT NULL CHECK (version >= 1),
  -- Bumped to max+1 on every write to the row (new article, new version, status change), so
  -- a search index can catch up with "WHERE change_seq > last_seen ORDER BY change_seq".
  change_seq    INTEGER NOT NULL,
  UNIQUE (section_id, guid),
  UNIQUE (section_id, slug)
) STRICT;

-- list_section_articles: WHERE section_id = ? AND status = 'published'
-- ORDER BY published DESC, id DESC is read straight off this index.
CREATE INDEX articles_section_listing
  ON articles (section_id, status, published DESC, id DESC);
-- list_topic_articles filters joined rows by status and sorts by published.
CREATE INDEX articles_status_published ON articles (status, published DESC, id DESC);
CREATE UNIQUE INDEX articles_change_seq ON articles (change_seq);

-- Every version ever stored. Append-only: the triggers below refuse UPDATE and DELETE, so
-- that "every earlier version is kept" holds whatever code runs against the file.
CREATE TABLE article_versions (
  article_id    INTEGER NOT NULL REFERENCES articles (id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  headline      TEXT NOT NULL,
  standfirst    TEXT NOT NULL,
  body_html     TEXT NOT NULL,
  author        TEXT NOT NULL,
  language      TEXT NOT NULL,
  original_url  TEXT NOT NULL,
  created       INTEGER NOT NULL,
  PRIMARY KEY (article_id, version)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER article_versions_no_update BEFORE UPDATE ON article_versions
BEGIN
  SELECT RAISE(ABORT, 'article_versions is append-only');
END;

CREATE TRIGGER article_versions_no_delete BEFORE DELETE ON article_versions
BEGIN
  SELECT RAISE(ABORT, 'article_versions is append-only');
END;

CREATE TABLE article_topics (
  article_id  INTEGER NOT NULL REFERENCES articles (id),
  topic_id    INTEGER NOT NULL REFERENCES topics (id),
  source      TEXT NOT NULL CHECK (source IN ('zone', 'tagger', 'editor')),
  PRIMARY KEY (article_id, topic_id)
) STRICT, WITHOUT ROWID;

-- list_topic_articles starts from the topic's tags.
CREATE INDEX article_topics_topic ON article_topics (topic_id, article_id);
