-- Each schema's outbox notifies a channel of its own. On the one channel every relay listened to,
-- every service's commit was sent to every service's relay, which dropped the others': with four
-- services, three of every four notifications crossed the network and woke a relay for nothing.
-- PostgreSQL limits a channel's name to 63 bytes: OutboxRelay listens on the same name, cut the
-- same way.
-- During a rolling update a relay of the previous version is not woken by the new channel; its poll
-- (OUTBOX_POLL_INTERVAL_MS) publishes until it is replaced.
CREATE OR REPLACE FUNCTION outbox_notify_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(left('tadamon_outbox_' || TG_TABLE_SCHEMA, 63), '');
    RETURN NULL;
END;
$$;
