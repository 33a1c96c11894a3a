-- A product's photos, main photo first: each with its renditions' object-storage keys. The bytes
-- live in the object storage; a row says which of them a product shows.
ALTER TABLE products ADD COLUMN photos jsonb NOT NULL DEFAULT '[]';
