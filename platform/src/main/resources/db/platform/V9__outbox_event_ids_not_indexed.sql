-- An outbox row no longer needs its own index on event_id. Since rows are deleted once Kafka has them
-- (V8), the constraint only compared an event with those still waiting, which no reader asks for:
-- the relay reads by id, and consumers keep their own marks of the events they applied. It cost
-- every event an index entry written and, once the row was deleted, one left for vacuum to remove.
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key;
