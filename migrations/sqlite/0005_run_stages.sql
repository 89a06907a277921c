-- Run records also count what the later stages did.
ALTER TABLE runs ADD COLUMN facts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN signals_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN alerts_delivered INTEGER NOT NULL DEFAULT 0;
