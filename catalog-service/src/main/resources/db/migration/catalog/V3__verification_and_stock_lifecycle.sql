-- When and by whom a cooperative's registration was checked.
ALTER TABLE cooperatives
    ADD COLUMN verified_at timestamptz,
    ADD COLUMN verified_by text;
UPDATE cooperatives SET verified_at = created_at, verified_by = 'demo-data' WHERE verified;

-- A reservation's life: HELD for an order, then RELEASED (the order ended without a sale, or the hold
-- expired), or SOLD (the order was confirmed); a sale is RETURNED to the shelf when its cooperative's
-- part is declined or the order is cancelled before shipping.
ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_status_check;
ALTER TABLE stock_reservations
    ADD CONSTRAINT stock_reservations_status_check CHECK (status IN ('HELD', 'RELEASED', 'SOLD', 'RETURNED')),
    ADD COLUMN ended_reason text,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
