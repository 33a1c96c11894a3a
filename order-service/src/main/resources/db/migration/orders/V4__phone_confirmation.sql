-- Cash-on-delivery orders wait, their stock held, until the shopper proves the phone given at checkout
-- (docs/security.md). NOT_REQUIRED: card orders, and shoppers signed in with that phone confirmed before.
ALTER TABLE orders ADD COLUMN phone_check text NOT NULL DEFAULT 'NOT_REQUIRED'
    CHECK (phone_check IN ('NOT_REQUIRED', 'AWAITING', 'CONFIRMED'));

-- The orders whose shopper has not confirmed yet, for the deadline's round.
CREATE INDEX orders_awaiting_phone ON orders (updated_at) WHERE phone_check = 'AWAITING';

-- Phones a signed-in shopper has proved: their next cash-on-delivery orders skip the step.
CREATE TABLE verified_phones (
    shopper_subject text        NOT NULL,
    phone           text        NOT NULL,
    verified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (shopper_subject, phone)
);
