-- Cash-on-delivery orders waiting for their shopper to prove the phone (docs/security.md). The code is
-- kept only as an HMAC keyed by a secret of this service; five wrong codes lock it. CLOSED: the order
-- ended while it waited (the shopper cancelled, or the deadline passed: resolved_at says which).
CREATE TABLE phone_confirmations (
    order_id       uuid PRIMARY KEY,
    phone          text        NOT NULL,
    order_code     text        NOT NULL,
    language       text        NOT NULL,
    code_hash      text        NOT NULL,
    status         text        NOT NULL DEFAULT 'PENDING'
                               CHECK (status IN ('PENDING', 'CONFIRMED', 'LOCKED', 'CLOSED')),
    wrong_attempts integer     NOT NULL DEFAULT 0,
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz
);
CREATE INDEX phone_confirmations_by_phone ON phone_confirmations (phone, created_at DESC);
