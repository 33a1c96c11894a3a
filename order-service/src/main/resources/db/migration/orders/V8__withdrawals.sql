-- The shopper's right of withdrawal from a distance sale (docs/compliance.md). It runs from the day a
-- part was delivered, and some categories of goods are excluded, so both are kept.
ALTER TABLE catalog_products ADD COLUMN category text;
ALTER TABLE order_lines ADD COLUMN category text;
ALTER TABLE cooperative_orders ADD COLUMN delivered_at timestamptz;
UPDATE cooperative_orders co SET delivered_at = (
    SELECT max(h.at) FROM cooperative_order_history h
    WHERE h.order_id = co.order_id AND h.cooperative_id = co.cooperative_id AND h.to_status = 'DELIVERED')
WHERE co.status = 'DELIVERED';

-- One withdrawal per cooperative's part: REQUESTED until the goods are back, RECEIVED until
-- payment-service refunds them, REFUNDED. The law gives the refund 15 days: refund_due_by.
CREATE TABLE withdrawals (
    id               uuid PRIMARY KEY,
    order_id         uuid        NOT NULL,
    cooperative_id   uuid        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('REQUESTED', 'RECEIVED', 'REFUNDED')),
    lines            jsonb       NOT NULL,
    amount_centimes  bigint      NOT NULL CHECK (amount_centimes > 0),
    whole_part       boolean     NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    refund_due_by    timestamptz NOT NULL,
    received_at      timestamptz,
    received_by      text,
    refunded_at      timestamptz,
    UNIQUE (order_id, cooperative_id),
    FOREIGN KEY (order_id, cooperative_id) REFERENCES cooperative_orders (order_id, cooperative_id)
);
CREATE INDEX withdrawals_waiting_for_refund ON withdrawals (refund_due_by) WHERE status <> 'REFUNDED';
