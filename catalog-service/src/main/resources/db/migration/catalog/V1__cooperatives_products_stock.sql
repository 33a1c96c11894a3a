-- Catalog: cooperatives, their products, and stock held for orders.
-- Localized texts are JSON maps by language: {"ar": "...", "fr": "...", "en": "..."}.

CREATE TABLE cooperatives (
    id                    uuid PRIMARY KEY,
    slug                  text        NOT NULL UNIQUE,
    name                  jsonb       NOT NULL,
    story                 jsonb       NOT NULL,
    region                text        NOT NULL,
    city                  text        NOT NULL,
    phone                 text        NOT NULL,
    email                 text,
    registration_number   text        NOT NULL UNIQUE,
    founded_year          integer     NOT NULL,
    members               integer     NOT NULL CHECK (members > 0),
    women_led             boolean     NOT NULL,
    preferred_language    text        NOT NULL,
    notification_channels text[]      NOT NULL,
    verified              boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id              uuid PRIMARY KEY,
    cooperative_id  uuid        NOT NULL REFERENCES cooperatives (id),
    name            jsonb       NOT NULL,
    description     jsonb       NOT NULL,
    category        text        NOT NULL,
    price_centimes  bigint      NOT NULL CHECK (price_centimes > 0),
    unit            text        NOT NULL,
    labels          text[]      NOT NULL DEFAULT '{}',
    image_urls      text[]      NOT NULL DEFAULT '{}',
    active          boolean     NOT NULL DEFAULT true,
    -- Stock on the shelf, and how much of it is held for orders not yet fulfilled.
    -- The checks make overselling impossible whatever the code above them does.
    stock_on_hand   integer     NOT NULL CHECK (stock_on_hand >= 0),
    stock_reserved  integer     NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0 AND stock_reserved <= stock_on_hand),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_by_cooperative ON products (cooperative_id);
CREATE INDEX products_newest ON products (created_at DESC, id DESC);

-- One row per product line of an order while its stock is held.
CREATE TABLE stock_reservations (
    order_id    uuid        NOT NULL,
    product_id  uuid        NOT NULL REFERENCES products (id),
    quantity    integer     NOT NULL CHECK (quantity > 0),
    status      text        NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'SOLD')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX stock_reservations_held_expiry ON stock_reservations (expires_at) WHERE status = 'HELD';
