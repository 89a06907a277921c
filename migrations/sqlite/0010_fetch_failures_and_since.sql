-- Documents that failed to be fetched, run after run. One that fails permanently (HTTP 404 or
-- 410) on `crawl.give_up_after_runs` runs is given up: no longer fetched, and no longer keeping
-- its filing or source incomplete (so its company gets quiet nights again); `status` lists it.
-- A document stored at last removes its row.
CREATE TABLE fetch_failures (
    url        TEXT PRIMARY KEY,
    ticker     TEXT NOT NULL,
    runs       INTEGER NOT NULL,   -- runs in which it failed, in a row
    last_error TEXT NOT NULL,
    permanent  INTEGER NOT NULL,   -- 1 when the last failure was a 404 or 410
    given_up   INTEGER NOT NULL,
    first_at   TEXT NOT NULL,
    last_at    TEXT NOT NULL
);

-- The `crawl.since` a listing's validators were saved under (NULL: no limit). A run with an
-- earlier `since` ignores them, so widening the window fetches the listing in full.
ALTER TABLE crawl_state ADD COLUMN since TEXT;
