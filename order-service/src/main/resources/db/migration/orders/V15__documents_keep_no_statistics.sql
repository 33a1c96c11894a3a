-- The planner never estimates a filter, a join or a sort on these columns (an address is read by a
-- path inside it, which these statistics do not describe): ANALYZE stops computing statistics of
-- the JSON and hashes stored with each order, which autovacuum repeats each time the tables grow by
-- a tenth.
ALTER TABLE orders
    ALTER COLUMN shipping_address SET STATISTICS 0,
    ALTER COLUMN request_hash SET STATISTICS 0,
    ALTER COLUMN pickup_fair_name SET STATISTICS 0;
ALTER TABLE order_lines
    ALTER COLUMN product_name SET STATISTICS 0;
