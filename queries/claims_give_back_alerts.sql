-- Holder $1 gives back the alerts it claimed and did not finish: due again for the next claimer.
UPDATE alerts SET lease_holder = NULL, lease_until = NULL WHERE lease_holder = $1 AND status = 'pending'
