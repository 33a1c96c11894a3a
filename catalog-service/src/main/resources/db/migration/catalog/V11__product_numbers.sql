-- A short number for each product within its cooperative (1, 2, 3…): what a basic phone types to
-- record a sale at a fair stand by SMS, "VENTE 3 2" (docs/fairs.md). Given at creation, never reused.
ALTER TABLE products ADD COLUMN number integer;
UPDATE products p SET number = numbered.number
FROM (SELECT id, row_number() OVER (PARTITION BY cooperative_id ORDER BY created_at, id) AS number
      FROM products) numbered
WHERE numbered.id = p.id;
ALTER TABLE products ALTER COLUMN number SET NOT NULL;
ALTER TABLE products ADD CONSTRAINT products_number_per_cooperative UNIQUE (cooperative_id, number);

CREATE FUNCTION number_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A cooperative's products are numbered one at a time: two created at once get two numbers.
    PERFORM pg_advisory_xact_lock(hashtext('product-number:' || NEW.cooperative_id::text));
    SELECT coalesce(max(number), 0) + 1 INTO NEW.number
    FROM products WHERE cooperative_id = NEW.cooperative_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER products_numbered BEFORE INSERT ON products
    FOR EACH ROW WHEN (NEW.number IS NULL) EXECUTE FUNCTION number_product();
