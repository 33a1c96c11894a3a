-- Regional solidarity-economy fairs and the cooperatives exhibiting at them, each at its stand
-- (docs/fairs.md). A fair's slug is stable: its page's address and its campaign tag (fair-{slug}).
CREATE TABLE fairs (
    id            uuid PRIMARY KEY,
    slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,34}$'),
    name          jsonb NOT NULL,
    region        text NOT NULL,
    city          jsonb NOT NULL,
    venue         jsonb NOT NULL,
    starts_on     date NOT NULL,
    ends_on       date NOT NULL CHECK (ends_on >= starts_on),
    opening_hours text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fair_exhibitors (
    fair_id        uuid NOT NULL REFERENCES fairs (id),
    cooperative_id uuid NOT NULL REFERENCES cooperatives (id),
    stand          text NOT NULL,
    PRIMARY KEY (fair_id, cooperative_id),
    UNIQUE (fair_id, stand)
);

-- The replicas keep the fairs in memory, as they keep products: every committed change is announced.
-- Fairs are few, and any change reloads them all, so the announcement names none.
CREATE FUNCTION notify_fair_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_fair_changed', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER fairs_changed AFTER INSERT OR UPDATE ON fairs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_fair_changed();
CREATE TRIGGER fair_exhibitors_changed AFTER INSERT OR UPDATE OR DELETE ON fair_exhibitors
    FOR EACH STATEMENT EXECUTE FUNCTION notify_fair_changed();
