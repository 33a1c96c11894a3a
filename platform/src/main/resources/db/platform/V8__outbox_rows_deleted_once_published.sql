-- The relay deletes a row once Kafka has acknowledged it, where it stamped published_at and an hourly
-- purge deleted the row a week later. Kafka keeps what was published for the topics' retention; the
-- stamp was an update that could not be heap-only (the unpublished index's predicate reads it), so it
-- wrote a new row version and an index entry for every event, and the purge deleted an hour of
-- events in one statement (measured under load: 3.2 fewer rows updated an order, 13-17 % less WAL).
-- What is left in the table is what waits for Kafka, so the primary key finds it in order.
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX outbox_unpublished;
ALTER TABLE outbox DROP COLUMN published_at;
