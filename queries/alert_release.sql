-- The holder of the claim with token $2 gives the alert back undelivered (its sink is no longer
-- configured, or the process is stopping): due again at once for whoever claims it next.
UPDATE alerts SET lease_holder = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2
