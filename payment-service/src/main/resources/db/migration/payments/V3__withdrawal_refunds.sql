-- A shopper's withdrawal is refunded once (withdrawal_id is unique). Cash paid at the door goes back
-- by bank transfer: such a refund is owed_by_transfer, never sent to the card gateway, and REQUESTED
-- until an operator records the transfer.
ALTER TABLE refunds
    ADD COLUMN withdrawal_id    uuid UNIQUE,
    ADD COLUMN owed_by_transfer boolean NOT NULL DEFAULT false;
CREATE INDEX refunds_owed ON refunds (created_at) WHERE owed_by_transfer AND status = 'REQUESTED';
