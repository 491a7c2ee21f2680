-- 002_ingest: what partner delivery needs (issue 3): API tokens, polled sources, a log of
-- every delivery, and per-article provenance, metadata, embargo, near-duplicates and
-- tombstones. Conventions as in 001_initial.sql.

-- Bearer tokens for the push API. Only a hash of the token is kept: BLAKE2b-256 of the
-- whole token, hex. The token is 256 random bits, so a fast hash is enough (nothing to brute
-- force) and lookup by hash is one index probe.
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  partner_id  INTEGER NOT NULL REFERENCES partners (id),
  name        TEXT NOT NULL,
  prefix      TEXT NOT NULL,  -- the token's first characters, shown to tell tokens apart
  hash        TEXT NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  last_used   INTEGER,
  revoked     INTEGER         -- when it was revoked; NULL while valid
) STRICT;

CREATE INDEX api_tokens_partner ON api_tokens (partner_id);

-- Feeds `serve` polls into a zone.
CREATE TABLE sources (
  id                    INTEGER PRIMARY KEY,
  section_id            INTEGER NOT NULL REFERENCES sections (id),
  url                   TEXT NOT NULL,
  every_seconds         INTEGER NOT NULL CHECK (every_seconds >= 60),
  enabled               INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  -- What identifies an item of this source: its guid, its link, or its link without the
  -- query string. Editors change it when a source's guids are unusable.
  identity_key          TEXT NOT NULL
                        CHECK (identity_key IN ('guid', 'link', 'link-without-query')),
  user_agent            TEXT NOT NULL,  -- '' = the server's
  headers               TEXT NOT NULL,  -- extra request headers, one "Name: value" per line
  created               INTEGER NOT NULL,
  -- Poll state.
  etag                  TEXT NOT NULL,
  last_modified         TEXT NOT NULL,
  next_poll             INTEGER NOT NULL,
  last_attempt          INTEGER,
  last_success          INTEGER,
  last_error            TEXT NOT NULL,  -- '' when the last poll succeeded
  consecutive_failures  INTEGER NOT NULL,
  gone                  INTEGER NOT NULL CHECK (gone IN (0, 1)),  -- answered 410: not polled
  last_new_item         INTEGER,  -- when a poll last brought a new article
  typical_gap_seconds   INTEGER,  -- the source's usual time between new articles
  guid_warning          TEXT NOT NULL,  -- why its guids look unusable; '' when they look fine
  -- WebSub (when the feed names a hub): the subscription newszone asked for, the secret the
  -- hub signs deliveries with, and what the hub said.
  websub_hub            TEXT NOT NULL DEFAULT '',
  websub_topic          TEXT NOT NULL DEFAULT '',
  websub_secret         TEXT NOT NULL DEFAULT '',
  websub_state          TEXT NOT NULL DEFAULT ''
                        CHECK (websub_state IN ('', 'requested', 'active', 'denied', 'failed')),
  websub_lease_until    INTEGER,
  websub_error          TEXT NOT NULL DEFAULT '',
  UNIQUE (section_id, url)
) STRICT;

CREATE INDEX sources_due ON sources (enabled, gone, next_poll);

-- Every document received, however it came: one row per push, poll or file, with the hash
-- of the exact bytes and what became of its items. Written when the document arrives (result
-- 'in progress') and completed once its items are stored, so a crash in between shows as an
-- interrupted delivery. Rows are never deleted.
CREATE TABLE deliveries (
  id            INTEGER PRIMARY KEY,
  received      INTEGER NOT NULL,
  section_id    INTEGER NOT NULL REFERENCES sections (id),
  channel       TEXT NOT NULL CHECK (channel IN ('push', 'poll', 'file')),
  token_id      INTEGER REFERENCES api_tokens (id),
  source_id     INTEGER REFERENCES sources (id),
  origin        TEXT NOT NULL,  -- URL polled, file name, or the token's prefix
  bytes         INTEGER NOT NULL,
  raw_sha256    TEXT NOT NULL,
  format        TEXT NOT NULL,  -- '' when the document could not be read
  items         INTEGER NOT NULL,
  created       INTEGER NOT NULL,
  new_versions  INTEGER NOT NULL,
  unchanged     INTEGER NOT NULL,
  duplicates    INTEGER NOT NULL,
  failed        INTEGER NOT NULL,
  result        TEXT NOT NULL  -- 'in progress', 'ok', or what went wrong
) STRICT;

CREATE INDEX deliveries_section ON deliveries (section_id, received DESC);
CREATE INDEX deliveries_source ON deliveries (source_id, received DESC);

CREATE TRIGGER deliveries_no_delete BEFORE DELETE ON deliveries
BEGIN
  SELECT RAISE(ABORT, 'deliveries are never deleted');
END;

-- Partner metadata (byline, rights, places, subjects, ...) as one JSON object per version,
-- and the delivery each version arrived in.
ALTER TABLE articles ADD COLUMN metadata_json TEXT NOT NULL DEFAULT '';
ALTER TABLE article_versions ADD COLUMN metadata_json TEXT NOT NULL DEFAULT '';
ALTER TABLE article_versions ADD COLUMN delivery_id INTEGER REFERENCES deliveries (id);

-- Not shown to readers before this time.
ALTER TABLE articles ADD COLUMN embargo_until INTEGER;
-- A near-duplicate of another article in the zone (the same story re-sent under a new
-- identity): kept, never listed.
ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles (id);
-- SimHash of the article's text, for finding near-duplicates; NULL when too short to judge.
ALTER TABLE articles ADD COLUMN simhash INTEGER;
-- Who withdrew it. 'editor' is a tombstone: the partner sending the item again never brings
-- it back. 'partner' (a take-down) is undone by the partner sending it as usable again.
ALTER TABLE articles ADD COLUMN withdrawn_by TEXT CHECK (withdrawn_by IN ('editor', 'partner'));

-- The rel a zone adds to links in its partner's HTML after "noopener noreferrer" (its link
-- policy): space-separated link types, e.g. 'sponsored nofollow'.
ALTER TABLE sections ADD COLUMN link_rel TEXT NOT NULL DEFAULT 'sponsored nofollow';

CREATE INDEX articles_section_simhash ON articles (section_id, ingested DESC)
  WHERE simhash IS NOT NULL;
