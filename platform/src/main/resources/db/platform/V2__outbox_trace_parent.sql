-- The W3C traceparent of the transaction that wrote the event: the relay sends it as a Kafka header,
-- so that the trace of an order continues across services (null where nothing was being traced).
ALTER TABLE outbox ADD COLUMN trace_parent text;
