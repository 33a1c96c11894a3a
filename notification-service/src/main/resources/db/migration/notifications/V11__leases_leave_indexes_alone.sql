-- A delivery lane's claim leases its notifications in a column of their own that no index reads, so
-- that the claim can be a heap-only update (no new entry in any of the table's indexes). The lease
-- moved next_attempt_at and updated_at before, both indexed: every e-mail's claim wrote an entry in
-- each of the table's indexes, as its SENT mark does again moments later.
ALTER TABLE notifications ADD COLUMN leased_until timestamptz;
-- A heap-only update needs room on the row's own page for the new version, and a lane claims the
-- rows of a page together (they were written together): half of each page is kept for them.
ALTER TABLE notifications SET (fillfactor = 50);

-- Only cooperatives' notifications are read by recipient (their messages page); a shopper's are
-- read by order. The shoppers' entries were written and never read.
DROP INDEX notifications_by_recipient;
CREATE INDEX notifications_by_cooperative ON notifications (recipient_id, created_at DESC)
    WHERE recipient_kind = 'COOPERATIVE';
