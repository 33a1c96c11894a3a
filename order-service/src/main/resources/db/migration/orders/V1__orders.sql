-- Orders: what shoppers bought, split per cooperative, and how each order moved through the saga.

-- Read model of catalog.events: the only source of prices and names at checkout.
CREATE TABLE catalog_cooperatives (
    id         uuid PRIMARY KEY,
    name       jsonb       NOT NULL,
    region     text        NOT NULL,
    verified   boolean     NOT NULL,
    as_of      timestamptz NOT NULL
);

CREATE TABLE catalog_products (
    id              uuid PRIMARY KEY,
    cooperative_id  uuid        NOT NULL,
    name            jsonb       NOT NULL,
    price_centimes  bigint      NOT NULL,
    unit            text        NOT NULL,
    active          boolean     NOT NULL,
    as_of           timestamptz NOT NULL
);

-- Short numeric codes a cooperative can type in an SMS reply.
CREATE SEQUENCE order_code START WITH 100001;

CREATE TABLE orders (
    id                 uuid PRIMARY KEY,
    code               text        NOT NULL UNIQUE,
    status             text        NOT NULL,
    payment_method     text        NOT NULL,
    language           text        NOT NULL,
    contact_name       text        NOT NULL,
    contact_phone      text        NOT NULL,
    contact_email      text,
    shipping_address   jsonb       NOT NULL,
    shopper_subject    text,
    subtotal_centimes  bigint      NOT NULL CHECK (subtotal_centimes > 0),
    shipping_centimes  bigint      NOT NULL CHECK (shipping_centimes >= 0),
    total_centimes     bigint      NOT NULL CHECK (total_centimes = subtotal_centimes + shipping_centimes),
    idempotency_key    text        NOT NULL UNIQUE,
    request_hash       text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_status ON orders (status, created_at);

CREATE TABLE order_lines (
    order_id             uuid    NOT NULL REFERENCES orders (id),
    line_number          integer NOT NULL,
    product_id           uuid    NOT NULL,
    cooperative_id       uuid    NOT NULL,
    product_name         jsonb   NOT NULL,
    unit                 text    NOT NULL,
    unit_price_centimes  bigint  NOT NULL CHECK (unit_price_centimes > 0),
    quantity             integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_number)
);

-- One part per cooperative: what it prepares, ships and is paid for.
CREATE TABLE cooperative_orders (
    order_id           uuid        NOT NULL REFERENCES orders (id),
    cooperative_id     uuid        NOT NULL,
    status             text        NOT NULL,
    subtotal_centimes  bigint      NOT NULL,
    shipping_centimes  bigint      NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, cooperative_id)
);
CREATE INDEX cooperative_orders_by_cooperative ON cooperative_orders (cooperative_id, status);

CREATE TABLE order_status_history (
    id          bigserial PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES orders (id),
    from_status text,
    to_status   text        NOT NULL,
    cause       text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_by_order ON order_status_history (order_id, id);
