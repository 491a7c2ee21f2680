-- 007_accounts: people who sign in to the admin (editors) and the partner portal, their
-- sessions, the failed logins that rate limiting counts, and the audit log of every change a
-- person or a token makes (issue 8). Conventions as in 001_initial.sql.

-- One row per person. The email is the login name, unique whatever its letter case (NOCASE
-- folds ASCII, which is what email providers compare in practice). A partner user belongs to
-- exactly one partner and sees only that partner's zones; admins and editors belong to none.
-- password_hash is libsodium's crypto_pwhash_str output ("$argon2id$v=19$m=...").
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  role           TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'partner')),
  partner_id     INTEGER REFERENCES partners (id),
  password_hash  TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created        INTEGER NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  CHECK ((role = 'partner') = (partner_id IS NOT NULL))
) STRICT;

-- A signed-in browser. Only a hash of the session id (the cookie's value) is kept, so a copy
-- of the database signs nobody in. expires is the absolute end; last_seen gives the idle end.
-- csrf_token goes into every form the session is shown and must come back with each POST.
CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  csrf_token  TEXT NOT NULL,
  created     INTEGER NOT NULL,
  expires     INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  address     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

-- Failed logins, counted per account (the email as typed, lowercased, whether or not such a
-- user exists, so that the answer never tells) and per client address over a time window.
-- Rows older than the window are deleted as new ones arrive.
CREATE TABLE login_failures (
  id        INTEGER PRIMARY KEY,
  account   TEXT NOT NULL,
  address   TEXT NOT NULL,
  at        INTEGER NOT NULL
) STRICT;

CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
CREATE INDEX login_failures_at ON login_failures (at);

-- Where each user has signed in from, and when last. An account locked by failed logins
-- stays open from an address its user signed in from recently, so that somebody guessing
-- elsewhere cannot lock an editor out of their usual place.
CREATE TABLE login_addresses (
  user_id   INTEGER NOT NULL REFERENCES users (id),
  address   TEXT NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, address)
) STRICT, WITHOUT ROWID;

-- Every change made by a person or a token: who (a user, a token, or "cli" for the command
-- line on the server itself), what (an action such as "user.add"), on what (a target such as
-- "user:3"), when, and the state before and after as JSON ('' when there was none).
-- actor_label keeps the user's email or the token's prefix as it was then, so the log reads
-- the same after a user is renamed. Append-only: the triggers below refuse UPDATE and DELETE,
-- whatever code runs against the file.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_kind   TEXT NOT NULL CHECK (actor_kind IN ('user', 'token', 'cli')),
  user_id      INTEGER REFERENCES users (id),
  token_id     INTEGER REFERENCES api_tokens (id),
  actor_label  TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (length(action) > 0),
  target       TEXT NOT NULL,
  before_json  TEXT NOT NULL,
  after_json   TEXT NOT NULL,
  address      TEXT NOT NULL,
  CHECK ((actor_kind = 'user') = (user_id IS NOT NULL)),
  CHECK ((actor_kind = 'token') = (token_id IS NOT NULL))
) STRICT;

CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
