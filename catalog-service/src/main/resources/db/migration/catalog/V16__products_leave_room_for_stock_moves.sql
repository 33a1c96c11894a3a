-- Every order moves its products' stock counters: a product is updated as often as it sells. An
-- update that finds no room on its row's page writes a new version elsewhere and an entry in every
-- index, four of them GIN indexes of the search vectors; one that finds room is a heap-only update
-- (HOT) that no index sees, since no indexed column changes with the stock. Half of each page is
-- left free for those updates. Pages already written take the setting as they are rewritten
-- (autovacuum's pruning makes room on them; VACUUM FULL or CLUSTER rewrites them at once).
ALTER TABLE products SET (fillfactor = 50);
