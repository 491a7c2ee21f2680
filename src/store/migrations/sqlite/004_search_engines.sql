-- 004_search_engines: what sitemaps and structured data need (issue 7). Conventions as in
-- 001_initial.sql.

-- A zone's contract: is it paid content (schema.org AdvertiserContentArticle), and which page
-- do its articles name as canonical, the host's or the partner's original.
ALTER TABLE sections ADD COLUMN paid_content INTEGER NOT NULL DEFAULT 0
  CHECK (paid_content IN (0, 1));
ALTER TABLE sections ADD COLUMN canonical TEXT NOT NULL DEFAULT 'host'
  CHECK (canonical IN ('host', 'partner'));

-- How many articles each section has listed per month of publication (UTC), and the newest
-- `updated` among those that entered the count: the sitemap index reads this small table
-- instead of counting a million articles on every request. The triggers below keep it,
-- whatever code writes the articles. "Listed" here is published and not a near-duplicate;
-- an embargo is a time, so it is filtered when a month's sitemap is read, not here.
-- lastmod also moves when an article leaves a month or a section's URLs change: the store
-- does that with its clock (triggers have none), so a row whose count fell to 0 still says
-- when its month last changed.
CREATE TABLE sitemap_months (
  section_id  INTEGER NOT NULL REFERENCES sections (id),
  month       TEXT NOT NULL,  -- 'YYYY-MM'
  listed      INTEGER NOT NULL CHECK (listed >= 0),
  lastmod     INTEGER NOT NULL,
  PRIMARY KEY (section_id, month)
) STRICT, WITHOUT ROWID;

INSERT INTO sitemap_months (section_id, month, listed, lastmod)
  SELECT section_id, strftime('%Y-%m', published, 'unixepoch'), count(*), max(updated)
  FROM articles WHERE status = 'published' AND duplicate_of IS NULL
  GROUP BY section_id, strftime('%Y-%m', published, 'unixepoch');

CREATE TRIGGER sitemap_months_insert AFTER INSERT ON articles
WHEN NEW.status = 'published' AND NEW.duplicate_of IS NULL
BEGIN
  INSERT INTO sitemap_months (section_id, month, listed, lastmod)
  VALUES (NEW.section_id, strftime('%Y-%m', NEW.published, 'unixepoch'), 1, NEW.updated)
  ON CONFLICT (section_id, month) DO UPDATE
    SET listed = listed + 1, lastmod = max(lastmod, excluded.lastmod);
END;

-- An update moves the article out of its old month's count (when it was counted) and into
-- its new one (when it is counted now); a new version of a listed article does both, which
-- leaves the count as it was and moves lastmod forward.
CREATE TRIGGER sitemap_months_update_old
AFTER UPDATE OF status, duplicate_of, published, updated, section_id ON articles
WHEN OLD.status = 'published' AND OLD.duplicate_of IS NULL
BEGIN
  UPDATE sitemap_months SET listed = listed - 1
  WHERE section_id = OLD.section_id AND month = strftime('%Y-%m', OLD.published, 'unixepoch');
END;

CREATE TRIGGER sitemap_months_update_new
AFTER UPDATE OF status, duplicate_of, published, updated, section_id ON articles
WHEN NEW.status = 'published' AND NEW.duplicate_of IS NULL
BEGIN
  INSERT INTO sitemap_months (section_id, month, listed, lastmod)
  VALUES (NEW.section_id, strftime('%Y-%m', NEW.published, 'unixepoch'), 1, NEW.updated)
  ON CONFLICT (section_id, month) DO UPDATE
    SET listed = listed + 1, lastmod = max(lastmod, excluded.lastmod);
END;

CREATE TRIGGER sitemap_months_delete AFTER DELETE ON articles
WHEN OLD.status = 'published' AND OLD.duplicate_of IS NULL
BEGIN
  UPDATE sitemap_months SET listed = listed - 1
  WHERE section_id = OLD.section_id AND month = strftime('%Y-%m', OLD.published, 'unixepoch');
END;
