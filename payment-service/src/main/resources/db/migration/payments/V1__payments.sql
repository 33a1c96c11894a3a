-- Payments: one per order, in centimes of MAD.
CREATE TABLE payments (
    id              uuid PRIMARY KEY,
    order_id        uuid        NOT NULL UNIQUE,
    method          text        NOT NULL CHECK (method IN ('CASH_ON_DELIVERY', 'CARD')),
    status          text        NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'FAILED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
    amount_centimes bigint      NOT NULL CHECK (amount_centimes > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
