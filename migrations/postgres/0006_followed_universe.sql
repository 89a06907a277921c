-- The universe lives in the store (see migrations/sqlite/0016_followed_universe.sql): `followed`
-- 0 for a company `unfollow` dropped, `origin` 'config' (the seed) or 'follow'.
ALTER TABLE companies ADD COLUMN followed BIGINT NOT NULL DEFAULT 1;
ALTER TABLE companies ADD COLUMN origin TEXT NOT NULL DEFAULT 'config';
