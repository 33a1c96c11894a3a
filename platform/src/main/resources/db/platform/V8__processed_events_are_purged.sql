-- A consumer's marks of the events it has applied are needed only as long as an event can be
-- delivered to it again: the topics keep 7 days, so a consumer whose offsets Kafka forgot re-reads
-- at most that. Older marks are purged (CONSUMER_PROCESSED_RETENTION_DAYS); before, the table grew
-- by five rows an order for ever, and so did the primary key every mark is inserted into.
-- BRIN, not B-tree: marks are written in the order of processed_at, so a range summary per 128
-- pages finds the old ones, and an insert costs the index nearly nothing.
CREATE INDEX processed_events_age ON processed_events USING brin (processed_at);
