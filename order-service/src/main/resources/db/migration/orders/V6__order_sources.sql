-- The campaign tag of the link an order came from (?src=fair-tetouan, a post, a jar's label): orders and
-- sales are counted by it (docs/pages.md). Null for an order that came from no tagged link.
ALTER TABLE orders ADD COLUMN source text CHECK (source ~ '^[a-z0-9][a-z0-9-]{0,39}$');
CREATE INDEX orders_source ON orders (source, created_at) WHERE source IS NOT NULL;
