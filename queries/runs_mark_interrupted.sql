-- Runs still marked running when a new one starts (under the run lock) were cut short.
UPDATE runs SET status = 'interrupted', finished_at = $1 WHERE status = 'running'
