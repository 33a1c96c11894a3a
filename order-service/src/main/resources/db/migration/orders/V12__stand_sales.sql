-- Sales cooperatives made at their fair stands, as catalog-service announces them (docs/fairs.md):
-- a fair's figures count them beside the orders its links brought. Cash at the stand: no buyer is
-- known, so they count in turnover, not in buyers.
CREATE TABLE stand_sales (
    id              uuid PRIMARY KEY,
    campaign_tag    text        NOT NULL,
    cooperative_id  uuid        NOT NULL,
    product_id      uuid        NOT NULL,
    quantity        integer     NOT NULL,
    amount_centimes bigint      NOT NULL,
    via             text        NOT NULL,
    sold_at         timestamptz NOT NULL
);
CREATE INDEX stand_sales_by_tag ON stand_sales (campaign_tag);
