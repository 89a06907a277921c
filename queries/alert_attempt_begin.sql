-- A POST is about to be sent under the claim with token $2: counted now, and the claim held until
-- $3 (Unix ms), only while the alert is pending and the claim is still that one. No row: the
-- alert was acknowledged, or its claim lapsed and another holder took it; nothing is sent.
UPDATE alerts SET attempts = attempts + 1, lease_until = $3
WHERE id = $1 AND status = 'pending' AND lease_token = $2
RETURNING attempts
