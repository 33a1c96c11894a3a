-- Every committed change to a product or a cooperative is announced to the catalog's own replicas, which
-- serve browsing from memory and refresh what changed. NOTIFY is delivered on commit only, and repeated
-- payloads within one transaction are delivered once.
CREATE FUNCTION notify_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_product_changed', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_cooperative_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_cooperative_changed', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER products_changed AFTER INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION notify_product_changed();
CREATE TRIGGER cooperatives_changed AFTER INSERT OR UPDATE ON cooperatives
    FOR EACH ROW EXECUTE FUNCTION notify_cooperative_changed();
