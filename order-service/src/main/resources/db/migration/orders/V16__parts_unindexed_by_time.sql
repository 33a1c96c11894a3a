-- No statement ever read a cooperative's parts by when they last changed: its list is ordered by the
-- orders' time and found by cooperative_orders_by_cooperative. The index only cost every part two
-- entries, one when it was written and one at its every move (updated_at changes with the status).
DROP INDEX cooperative_orders_by_cooperative_and_time;
