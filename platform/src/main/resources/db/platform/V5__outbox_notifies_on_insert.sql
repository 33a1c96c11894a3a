-- Rows written to the outbox wake the relay when their transaction commits: the insert itself
-- notifies, so a service's transaction spends no statement (and no round trip) of its own on it.
-- PostgreSQL delivers a transaction's identical notifications once, at commit, and none at all if
-- it rolls back.
CREATE FUNCTION outbox_notify_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tadamon_outbox', TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify_relay AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_relay();
