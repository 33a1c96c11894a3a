-- Delivery: when each notification is next tried, what each attempt gave, what the SMS gateway calls
-- the message (for its delivery receipt); cooperatives' own preferences; what inbound SMS need to be
-- read as commands (which order a code is, and its cooperatives), and every inbound SMS for the record.

ALTER TABLE notifications
    ADD COLUMN next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_error          text,
    ADD COLUMN provider_message_id text,
    ADD COLUMN subject             text,
    ADD COLUMN sent_at             timestamptz,
    ADD COLUMN delivered_at        timestamptz;
DROP INDEX notifications_pending;
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('PENDING', 'FAILED');
CREATE INDEX notifications_by_provider_id ON notifications (provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX notifications_dead ON notifications (updated_at DESC) WHERE status = 'DEAD';

CREATE TABLE notification_attempts (
    id              bigserial PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notifications (id),
    attempt         integer     NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('SENT', 'FAILED', 'DEFERRED')),
    detail          text,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_attempts_by_notification ON notification_attempts (notification_id, id);

-- What a cooperative chose here, beyond the channels and language it gave the catalog.
CREATE TABLE cooperative_preferences (
    cooperative_id uuid PRIMARY KEY,
    quiet_start    time,
    quiet_end      time,
    webhook_url    text,
    webhook_secret text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- From order.confirmed: a code read in an SMS reply names its order, and only its cooperatives may
-- answer for their own part.
CREATE TABLE order_parts (
    order_code     text   NOT NULL,
    order_id       uuid   NOT NULL,
    cooperative_id uuid   NOT NULL,
    shopper_phone  text   NOT NULL,
    shopper_email  text,
    language       text   NOT NULL,
    PRIMARY KEY (order_code, cooperative_id)
);
CREATE INDEX order_parts_by_order ON order_parts (order_id);

CREATE INDEX cooperative_contacts_by_phone ON cooperative_contacts (phone);

CREATE TABLE inbound_sms (
    id             uuid PRIMARY KEY,
    sender         text        NOT NULL,
    text           text        NOT NULL,
    via            text        NOT NULL CHECK (via IN ('SMPP', 'HTTP')),
    outcome        text        NOT NULL,
    detail         text,
    order_id       uuid,
    cooperative_id uuid,
    received_at    timestamptz NOT NULL DEFAULT now()
);
