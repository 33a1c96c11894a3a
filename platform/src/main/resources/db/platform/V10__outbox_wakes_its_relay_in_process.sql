-- The relay is woken in its own process once a transaction that wrote the outbox has committed
-- (OutboxRelay), no longer by a notification. PostgreSQL takes one lock for every transaction that
-- notifies, on the whole server, and holds it until the commit is flushed: with synchronous commit
-- at 300 orders a second, two of the order service's connections on average stood waiting for it
-- (docs/benchmarks.md). A relay of the previous version, during a rolling update, publishes on its
-- poll (OUTBOX_POLL_INTERVAL_MS) until it is replaced.
DROP TRIGGER IF EXISTS outbox_notify_relay ON outbox;
DROP FUNCTION IF EXISTS outbox_notify_relay();
