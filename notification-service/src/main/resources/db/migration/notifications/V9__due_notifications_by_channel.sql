-- Each channel's delivery lane claims its own due notifications. Ordered by time alone, the index made
-- the e-mail lane read past every due SMS of a backlog (a fair's evening) on each claim, a cost that
-- grew with the backlog; led by the channel, a claim reads only what it takes.
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (channel, next_attempt_at) WHERE status IN ('PENDING', 'FAILED');
