-- A shopper's personal data (law 09-08; docs/compliance.md). An order keeps its contact while it may
-- still need it (delivery, a withdrawal, a dispute); then it is anonymised: when its shopper asked
-- for erasure and the order is over, or for a guest's order, after ORDER_GUEST_CONTACT_RETENTION_DAYS.
-- Amounts, lines, invoices (which carry the buyer as the accounting law requires) stay.
ALTER TABLE orders
    ADD COLUMN erasure_requested_at timestamptz,
    ADD COLUMN anonymised_at        timestamptz;
CREATE INDEX orders_to_anonymise ON orders (updated_at)
    WHERE anonymised_at IS NULL AND status IN ('COMPLETED', 'CANCELLED', 'REJECTED');

-- Every time an operator reads shoppers' personal data (the numbers of refused parcels, a shopper's
-- data asked for): who, what, why, when. Appended only.
CREATE TABLE personal_data_access (
    id        bigserial PRIMARY KEY,
    operator  text        NOT NULL,
    what      text        NOT NULL,
    purpose   text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_access_by_operator ON personal_data_access (operator, at DESC);
