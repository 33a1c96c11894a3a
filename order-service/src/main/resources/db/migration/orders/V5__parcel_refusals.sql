-- Cash-on-delivery parcels refused at the door (docs/security.md): a number with repeated refusals can
-- no longer choose cash on delivery. Personal data under law 09-08: kept ORDER_REFUSALS_RETENTION_DAYS
-- (90 by default, the window the rule looks at), then deleted; an operator may lift a number's refusals.
CREATE TABLE parcel_refusals (
    order_id              uuid        NOT NULL,
    cooperative_id        uuid        NOT NULL,
    phone                 text        NOT NULL,
    courier_cost_centimes bigint      CHECK (courier_cost_centimes >= 0),
    refused_at            timestamptz NOT NULL DEFAULT now(),
    lifted_at             timestamptz,
    lifted_by             text,
    PRIMARY KEY (order_id, cooperative_id)
);
CREATE INDEX parcel_refusals_by_phone ON parcel_refusals (phone, refused_at DESC);
