-- Notifications: every message owed to a cooperative or a shopper, one row per recipient and channel.

-- Read model of catalog.events: how to reach each cooperative, and in which language.
CREATE TABLE cooperative_contacts (
    id                    uuid PRIMARY KEY,
    name                  jsonb       NOT NULL,
    phone                 text        NOT NULL,
    email                 text,
    preferred_language    text        NOT NULL,
    notification_channels text[]      NOT NULL,
    as_of                 timestamptz NOT NULL
);

CREATE TABLE notifications (
    id             uuid PRIMARY KEY,
    event_id       uuid        NOT NULL,
    order_id       uuid,
    recipient_kind text        NOT NULL CHECK (recipient_kind IN ('COOPERATIVE', 'SHOPPER')),
    recipient_id   text        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'WEBHOOK')),
    destination    text        NOT NULL,
    language       text        NOT NULL,
    template       text        NOT NULL,
    body           text        NOT NULL,
    status         text        NOT NULL DEFAULT 'PENDING'
                               CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'DEAD')),
    attempts       integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- The same event never owes the same recipient the same message twice.
    UNIQUE (event_id, recipient_kind, recipient_id, channel)
);
CREATE INDEX notifications_by_recipient ON notifications (recipient_kind, recipient_id, created_at DESC);
CREATE INDEX notifications_by_order ON notifications (order_id);
CREATE INDEX notifications_pending ON notifications (created_at) WHERE status = 'PENDING';
