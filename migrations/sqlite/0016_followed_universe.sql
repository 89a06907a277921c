-- The universe lives in the store: `follow` adds a company from EDGAR without a config edit and
-- `unfollow` drops one; companies.toml only seeds it. `followed` 0 keeps an unfollowed company's
-- documents and series (they reference its ticker) while every stage leaves it alone, and a
-- config company once unfollowed stays so (the seed never sets the flag). `origin` says where a
-- company came from: 'config' (the seed) or 'follow'.
ALTER TABLE companies ADD COLUMN followed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE companies ADD COLUMN origin TEXT NOT NULL DEFAULT 'config';
