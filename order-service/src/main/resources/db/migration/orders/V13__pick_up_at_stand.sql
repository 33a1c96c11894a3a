-- Orders collected at a fair stand instead of delivered (docs/fairs.md).

-- Read model of catalog.events' fairs: when each is open and which cooperative stands where.
CREATE TABLE catalog_fairs (
    id            uuid PRIMARY KEY,
    slug          text        NOT NULL,
    campaign_tag  text        NOT NULL,
    name          jsonb       NOT NULL,
    region        text        NOT NULL,
    city          jsonb       NOT NULL,
    venue         jsonb       NOT NULL,
    starts_on     date        NOT NULL,
    ends_on       date        NOT NULL,
    stands        jsonb       NOT NULL,
    as_of         timestamptz NOT NULL
);
CREATE INDEX catalog_fairs_by_slug ON catalog_fairs (slug);

-- The fair an order is collected at (its name as the shopper saw it), and each part's stand. Such an
-- order's shipping_address is the fair's venue: where the goods change hands.
ALTER TABLE orders
    ADD COLUMN pickup_fair_id   uuid,
    ADD COLUMN pickup_fair_name jsonb;
ALTER TABLE cooperative_orders ADD COLUMN pickup_stand text;
-- The parts still to collect, for the round that releases them once their fair is over.
CREATE INDEX cooperative_orders_to_collect ON cooperative_orders (order_id)
    WHERE pickup_stand IS NOT NULL AND status IN ('NEW', 'ACCEPTED');
