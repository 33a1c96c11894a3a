-- No statement filters, joins or sorts on a message's text or its last error: ANALYZE stops
-- computing their statistics, which autovacuum repeats each time the table grows by a tenth.
ALTER TABLE notifications
    ALTER COLUMN body SET STATISTICS 0,
    ALTER COLUMN subject SET STATISTICS 0,
    ALTER COLUMN last_error SET STATISTICS 0;
