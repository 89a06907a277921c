-- The heartbeat of holder $1: its extraction claims last until $2 (Unix ms).
UPDATE documents SET lease_until = $2 WHERE lease_holder = $1
