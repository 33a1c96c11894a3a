-- The version of the consent text a shopper ticked at checkout to receive Tadamon's news, if they
-- did. notification-service records the consent once the order is confirmed (the phone proven, the
-- card paid), so a made-up number never consents for someone else.
ALTER TABLE orders ADD COLUMN marketing_consent text;

-- The version of the terms of sale the checkout showed and the shopper accepted (docs/compliance.md).
ALTER TABLE orders ADD COLUMN terms_version text;
