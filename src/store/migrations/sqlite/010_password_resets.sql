-- 010_password_resets: one-time links an admin makes for a user to set a new password
-- (issue 8). Conventions as in 001_initial.sql.

-- A link is 256 random bits; only their hash (crypto::secret_hash, as for sessions) is kept,
-- so a copy of the database resets nobody's password. A link works once, until `expires`,
-- for the user it was made for, and only while it is the user's newest: making a new one
-- sets `replaced` on the older ones still open. Rows are kept after use, so that a used,
-- expired or replaced link is refused with the reason rather than as unknown.
CREATE TABLE password_resets (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  token_hash  TEXT NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  expires     INTEGER NOT NULL,
  used        INTEGER,  -- when the password was set with it; NULL while unused
  replaced    INTEGER   -- when a newer link for the user made it invalid; NULL otherwise
) STRICT;

CREATE INDEX password_resets_user ON password_resets (user_id);

