-- A fencing token per alert: it grows by one with each claim of the alert, and every outcome a
-- holder writes names the token it claimed with, so a holder whose claim lapsed and was taken
-- over can neither send again nor write over the new holder's outcome.
ALTER TABLE alerts ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
