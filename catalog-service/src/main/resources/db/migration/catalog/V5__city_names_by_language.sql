-- A cooperative's city is written in the reader's script, as its name is: تالوين on an Arabic page,
-- Taliouine on a French one. The city registered so far, in Latin letters, becomes the French name.
ALTER TABLE cooperatives ALTER COLUMN city TYPE jsonb USING jsonb_build_object('fr', city);
