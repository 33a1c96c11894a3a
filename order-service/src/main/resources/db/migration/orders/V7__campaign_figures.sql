-- Whether a cooperative is women-led, from the catalog's events: a fair's figures give the share of its
-- sales that went to women's cooperatives. Null until the cooperative's next event says.
ALTER TABLE catalog_cooperatives ADD COLUMN women_led boolean;
