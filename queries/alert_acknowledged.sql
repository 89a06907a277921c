-- A receiver acknowledged a POST at $2: the alert is delivered, whoever sent it (an
-- acknowledgement is a fact, even from a holder whose claim lapsed), once: a later one keeps the
-- first time. Nothing turns it back.
UPDATE alerts
SET status = 'delivered', last_error = NULL, delivered_at = COALESCE(delivered_at, $2),
    lease_holder = NULL, lease_until = NULL
WHERE id = $1
