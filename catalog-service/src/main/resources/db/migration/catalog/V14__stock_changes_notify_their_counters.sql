-- A product's stock moves with every order (held, sold, given back). What the catalog's replicas serve
-- from memory then needs only the new counters, so the notification carries them, on a channel of its
-- own, instead of each replica reading the whole product again. Any other change still names the
-- product only, to be read again. Each stock notification is numbered from a sequence: PostgreSQL
-- delivers a transaction's identical payloads once, and counters can come back to an earlier value
-- within one transaction (held, given back, held again). The sequence is named with the table's schema:
-- whoever updates a product need not have the catalog's schema on its search path.
CREATE SEQUENCE product_stock_changes;

CREATE OR REPLACE FUNCTION notify_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - '{stock_on_hand,stock_reserved,updated_at}'::text[]
         = to_jsonb(OLD) - '{stock_on_hand,stock_reserved,updated_at}'::text[] THEN
        PERFORM pg_notify('catalog_product_stock',
                          NEW.id::text || ' ' || NEW.stock_on_hand || ' ' || NEW.stock_reserved
                          || ' ' || nextval(format('%I.product_stock_changes', TG_TABLE_SCHEMA)::regclass));
    ELSE
        PERFORM pg_notify('catalog_product_changed', NEW.id::text);
    END IF;
    RETURN NULL;
END
$$;
