-- Invoices and credit notes (docs/compliance.md): one invoice per cooperative's part when it is
-- delivered, a credit note per refund of an invoiced part. Each cooperative is a seller with its own
-- continuous series: invoice_series holds its last number, taken and saved in the transaction that
-- issues the document, so a rolled-back issue gives its number back and none is skipped or repeated.
ALTER TABLE catalog_cooperatives ADD COLUMN seller jsonb;

CREATE TABLE invoice_series (
    cooperative_id uuid PRIMARY KEY,
    last_number    bigint NOT NULL CHECK (last_number > 0)
);

CREATE TABLE invoices (
    id                uuid PRIMARY KEY,
    cooperative_id    uuid        NOT NULL,
    number            bigint      NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    order_id          uuid        NOT NULL,
    order_code        text        NOT NULL,
    refund_id         uuid UNIQUE,
    issued_at         timestamptz NOT NULL,
    -- What the document says, as it said it when issued: a seller's later change rewrites nothing.
    seller            jsonb       NOT NULL,
    buyer             jsonb       NOT NULL,
    lines             jsonb       NOT NULL,
    total_centimes    bigint      NOT NULL CHECK (total_centimes > 0),
    vat_basis_points  integer     NOT NULL CHECK (vat_basis_points >= 0),
    vat_centimes      bigint      NOT NULL CHECK (vat_centimes >= 0),
    UNIQUE (cooperative_id, number),
    FOREIGN KEY (order_id, cooperative_id) REFERENCES cooperative_orders (order_id, cooperative_id)
);
CREATE UNIQUE INDEX one_invoice_per_part ON invoices (order_id, cooperative_id) WHERE kind = 'INVOICE';
CREATE INDEX invoices_by_cooperative ON invoices (cooperative_id, number DESC);
