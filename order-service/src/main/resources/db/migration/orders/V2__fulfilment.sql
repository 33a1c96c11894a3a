-- What each cooperative did with its part, and when: the part's own history beside the order's.
ALTER TABLE cooperative_orders
    ADD COLUMN decline_reason     text,
    ADD COLUMN tracking_reference text;

CREATE TABLE cooperative_order_history (
    id             bigserial PRIMARY KEY,
    order_id       uuid        NOT NULL,
    cooperative_id uuid        NOT NULL,
    from_status    text        NOT NULL,
    to_status      text        NOT NULL,
    actor          text        NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (order_id, cooperative_id) REFERENCES cooperative_orders (order_id, cooperative_id)
);
CREATE INDEX cooperative_order_history_by_part ON cooperative_order_history (order_id, cooperative_id, id);
CREATE INDEX cooperative_orders_by_cooperative_and_time ON cooperative_orders (cooperative_id, updated_at DESC);
