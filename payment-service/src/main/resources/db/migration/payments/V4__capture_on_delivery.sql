-- PAYMENT_CARD_CAPTURE=on-delivery: an approved card payment is a pre-authorisation held at the
-- acquirer (card_held) until its order's parts are all delivered, declined or cancelled; then one
-- settlement captures what was delivered (PostAuth) or releases the hold (Void). A delivered part
-- waits for that capture as DELIVERED.
ALTER TABLE payments ADD COLUMN card_held boolean NOT NULL DEFAULT false;

ALTER TABLE payment_parts DROP CONSTRAINT payment_parts_status_check;
ALTER TABLE payment_parts ADD CONSTRAINT payment_parts_status_check
    CHECK (status IN ('PENDING', 'AUTHORIZED', 'DELIVERED', 'CAPTURED', 'VOIDED', 'REFUNDED'));

-- One per held payment (the acquirer captures a pre-authorisation once). Sent at most once by
-- itself, like a refund: marked sent (next_attempt_at 'infinity') before it goes, and a lost answer
-- waits for an operator.
CREATE TABLE card_settlements (
    payment_id         uuid PRIMARY KEY REFERENCES payments (id),
    kind               text        NOT NULL CHECK (kind IN ('CAPTURE', 'VOID')),
    amount_centimes    bigint      NOT NULL CHECK (amount_centimes >= 0),
    status             text        NOT NULL CHECK (status IN ('REQUESTED', 'COMPLETED', 'FAILED')),
    provider_reference text,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    completed_at       timestamptz
);
CREATE INDEX card_settlements_due ON card_settlements (next_attempt_at) WHERE status = 'REQUESTED';
