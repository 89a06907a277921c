-- Fencing tokens for the other claims (alerts have theirs since 0012): a company's crawl claim
-- and its resolve claim each take the next token, and finishing names it, so a holder whose
-- claim lapsed and was taken over can neither finish nor release the new holder's claim.
ALTER TABLE companies ADD COLUMN crawl_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
