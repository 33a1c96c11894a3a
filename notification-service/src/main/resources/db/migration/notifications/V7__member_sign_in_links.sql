-- A cooperative member's sign-in link is hers alone (docs/identity.md): recorded for the person, not
-- for the cooperative, so that the cooperative's list of notifications never shows it to the others.
ALTER TABLE notifications DROP CONSTRAINT notifications_recipient_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_recipient_kind_check
    CHECK (recipient_kind IN ('COOPERATIVE', 'SHOPPER', 'MEMBER'));
