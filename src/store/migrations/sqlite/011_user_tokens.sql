-- 011_user_tokens: API tokens that belong to an editor or an admin (issue 8: the JSON API
-- exposes the editors' operations). A token now belongs to a partner OR a user, never both:
-- a partner's token pushes into and reads its zones, a user's token acts as that user with
-- that user's role. Conventions as in 001_initial.sql.
--
-- SQLite cannot drop a NOT NULL from a column, so the table is made again under the same
-- name, keeping every id. deliveries.token_id and audit_log.token_id name the table, not the
-- old copy, so they refer to the new one; with the foreign keys deferred, dropping the old
-- table counts their rows as orphans and putting each token back counts it off again, so the
-- commit checks that every reference still resolves.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE api_tokens_before_011 AS SELECT * FROM api_tokens;
DROP TABLE api_tokens;

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  partner_id  INTEGER REFERENCES partners (id),
  user_id     INTEGER REFERENCES users (id),
  name        TEXT NOT NULL,
  prefix      TEXT NOT NULL,  -- the token's first characters, shown to tell tokens apart
  hash        TEXT NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  last_used   INTEGER,
  revoked     INTEGER,        -- when it was revoked; NULL while valid
  CHECK ((partner_id IS NULL) <> (user_id IS NULL))
) STRICT;

INSERT INTO api_tokens (id, partner_id, name, prefix, hash, created, last_used, revoked)
  SELECT id, partner_id, name, prefix, hash, created, last_used, revoked
  FROM api_tokens_before_011 ORDER BY id;
DROP TABLE api_tokens_before_011;

CREATE INDEX api_tokens_partner ON api_tokens (partner_id);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
