-- Holder $1 gives back the documents it claimed for extraction and did not extract.
UPDATE documents SET lease_holder = NULL, lease_until = NULL WHERE lease_holder = $1
