-- Who sells, as the law on distance selling asks it shown before an order (docs/compliance.md): the
-- register number is kept since V1; the ICE and IF where the cooperative has them, and the address
-- goods are sent back to. A cooperative is verified only with a return address; those verified
-- before it was asked keep selling and are listed for operators to complete.
ALTER TABLE cooperatives
    ADD COLUMN ice            text CHECK (ice ~ '^[0-9]{15}$'),
    ADD COLUMN tax_id         text CHECK (tax_id ~ '^[0-9]{1,10}$'),
    ADD COLUMN return_address text;
