-- 005_withdrawal_time: when a published article was withdrawn, for feeds' tombstones
-- (Atom, RFC 6721). Conventions as in 001_initial.sql.

ALTER TABLE articles ADD COLUMN withdrawn_at INTEGER;

-- Set by the database whatever code changes the status: only a published article's
-- withdrawal is news to feed readers (they never saw a pending one); publishing again clears
-- it. The time is the database's clock (a trigger has no other), in Unix seconds.
CREATE TRIGGER articles_withdrawn_at AFTER UPDATE OF status ON articles
WHEN NEW.status IS NOT OLD.status
BEGIN
  UPDATE articles
    SET withdrawn_at = CASE WHEN NEW.status = 'withdrawn' AND OLD.status = 'published'
                            THEN unixepoch() ELSE NULL END
    WHERE id = NEW.id;
END;

CREATE INDEX articles_withdrawn_at ON articles (withdrawn_at DESC) WHERE withdrawn_at IS NOT NULL;
