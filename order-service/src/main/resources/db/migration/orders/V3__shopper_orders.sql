-- A signed-in shopper's orders ("my orders") and the addresses they used, newest first.
CREATE INDEX orders_by_shopper ON orders (shopper_subject, created_at DESC) WHERE shopper_subject IS NOT NULL;
