-- Serializes document inserts until commit (transaction-scoped advisory lock, key "mw" + 1), so
-- `seq` = MAX(seq) + 1 numbers documents in commit order and a search replica that has read up
-- to some seq never misses a lower one committed later. (SQLite serializes writers by itself.)
SELECT 1 AS locked FROM pg_advisory_xact_lock(7763001)
