-- Sales a cooperative makes at its fair stand, paid in cash there (docs/fairs.md), so that the stock
-- it also sells online stays right and the fair's turnover is known. A sale's id derives from the
-- request's idempotency key: a sale sent again over a flaky connection is counted once.
CREATE TABLE stand_sales (
    id              uuid PRIMARY KEY,
    fair_id         uuid NOT NULL REFERENCES fairs (id),
    cooperative_id  uuid NOT NULL REFERENCES cooperatives (id),
    product_id      uuid NOT NULL REFERENCES products (id),
    quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    amount_centimes bigint NOT NULL CHECK (amount_centimes > 0),
    lacking         integer NOT NULL DEFAULT 0,
    via             text NOT NULL CHECK (via IN ('PORTAL', 'SMS')),
    recorded_by     text NOT NULL,
    sold_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stand_sales_of_cooperative ON stand_sales (cooperative_id, fair_id, sold_at DESC);
