-- Each product's main photo (its smallest rendition's key), from catalog.events, for the order
-- e-mail: the shopper sees what she bought. The newest event wins; a product without photos has none.
CREATE TABLE product_photos (
    product_id uuid PRIMARY KEY,
    photo_key  text,
    as_of      timestamptz NOT NULL
);
