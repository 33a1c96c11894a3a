-- Who sells each part, as the confirmation of an order states it (docs/compliance.md): the
-- cooperative's register number, ICE, IF and return address, from the catalog's events.
ALTER TABLE cooperative_contacts ADD COLUMN seller jsonb;
