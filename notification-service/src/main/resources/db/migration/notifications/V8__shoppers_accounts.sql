-- The account that placed an order (absent for a guest), so that a signed-in shopper's export of her
-- data holds the messages, phone confirmations and consents this service keeps about her (law 09-08's
-- right of access; docs/compliance.md). Forgotten with the order's contact.
ALTER TABLE order_parts ADD COLUMN shopper_subject text;
ALTER TABLE phone_confirmations ADD COLUMN shopper_subject text;
CREATE INDEX order_parts_by_shopper ON order_parts (shopper_subject) WHERE shopper_subject IS NOT NULL;
CREATE INDEX phone_confirmations_by_shopper ON phone_confirmations (shopper_subject)
    WHERE shopper_subject IS NOT NULL;
