-- A stand sale takes from what is left on sale, or is refused (docs/fairs.md): no sale records a
-- shortfall any more.
ALTER TABLE stand_sales DROP COLUMN lacking;
