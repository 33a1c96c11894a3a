-- What a payment needs beyond its status: the order it pays for, each cooperative's part, card attempts
-- at the gateway, every gateway callback (kept for the operator, forged ones included), refunds, a
-- double-entry ledger and the cooperatives' payout statements. Amounts are centimes of MAD.

ALTER TABLE payments
    ADD COLUMN order_code          text,
    ADD COLUMN language            text NOT NULL DEFAULT 'fr',
    ADD COLUMN access_token_digest text,
    ADD COLUMN failure_reason      text,
    ADD COLUMN card_transaction_id text;
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
-- A payment is PENDING (card, at the gateway), AUTHORIZED (cash on delivery agreed, or card money
-- received), FAILED (the gateway declined) or VOIDED (the order ended before any money moved).
-- What happened to the money since is told by its parts.
UPDATE payments SET status = 'AUTHORIZED' WHERE status IN ('CAPTURED', 'REFUNDED');
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'AUTHORIZED', 'FAILED', 'VOIDED'));

-- One row per cooperative: received is money that reached the platform for this part (card at
-- approval, cash at delivery), captured what the cooperative earned on delivery, refunded what went
-- back. Refunds can never exceed what was received.
CREATE TABLE payment_parts (
    payment_id          uuid   NOT NULL REFERENCES payments (id),
    cooperative_id      uuid   NOT NULL,
    amount_centimes     bigint NOT NULL CHECK (amount_centimes > 0),
    shipping_centimes   bigint NOT NULL CHECK (shipping_centimes >= 0 AND shipping_centimes <= amount_centimes),
    status              text   NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
    received_centimes   bigint NOT NULL DEFAULT 0 CHECK (received_centimes BETWEEN 0 AND amount_centimes),
    captured_centimes   bigint NOT NULL DEFAULT 0 CHECK (captured_centimes BETWEEN 0 AND amount_centimes),
    commission_centimes bigint NOT NULL DEFAULT 0 CHECK (commission_centimes >= 0),
    refunded_centimes   bigint NOT NULL DEFAULT 0 CHECK (refunded_centimes BETWEEN 0 AND received_centimes),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (payment_id, cooperative_id)
);
CREATE INDEX payment_parts_by_cooperative ON payment_parts (cooperative_id);

-- Each time a shopper is sent to the gateway's hosted page. The attempt id is the order reference the
-- gateway echoes in its callback; an attempt is decided once, so a second callback for it is a replay.
CREATE TABLE card_attempts (
    id              uuid PRIMARY KEY,
    payment_id      uuid   NOT NULL REFERENCES payments (id),
    provider        text   NOT NULL,
    amount_centimes bigint NOT NULL CHECK (amount_centimes > 0),
    status          text   NOT NULL CHECK (status IN ('OPEN', 'APPROVED', 'DECLINED')),
    transaction_id  text,
    masked_pan      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz
);
CREATE INDEX card_attempts_by_payment ON card_attempts (payment_id);

-- Every callback received, whatever became of it: the operator's audit trail. No card data beyond
-- the masked number the gateway sends.
CREATE TABLE gateway_callbacks (
    id             bigserial PRIMARY KEY,
    provider       text        NOT NULL,
    attempt_id     uuid,
    transaction_id text,
    outcome        text        NOT NULL,
    detail         text        NOT NULL,
    parameters     jsonb       NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gateway_callbacks_by_outcome ON gateway_callbacks (outcome, id);

CREATE TABLE refunds (
    id                 uuid PRIMARY KEY,
    payment_id         uuid        NOT NULL REFERENCES payments (id),
    cooperative_id     uuid        NOT NULL,
    amount_centimes    bigint      NOT NULL CHECK (amount_centimes > 0),
    -- Decided when the refund is asked for, with the part locked: how the ledger books it.
    after_capture      boolean     NOT NULL,
    commission_returned_centimes bigint NOT NULL CHECK (commission_returned_centimes >= 0),
    reason             text        NOT NULL,
    requested_by       text        NOT NULL,
    idempotency_key    text        UNIQUE,
    request_hash       text,
    status             text        NOT NULL CHECK (status IN ('REQUESTED', 'COMPLETED', 'FAILED')),
    provider_reference text,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    completed_at       timestamptz
);
CREATE INDEX refunds_due ON refunds (next_attempt_at) WHERE status = 'REQUESTED';
CREATE INDEX refunds_by_payment ON refunds (payment_id);

-- The ledger: a journal entry per movement, its lines signed (debit positive, credit negative).
CREATE TABLE ledger_journal (
    id             uuid PRIMARY KEY,
    kind           text        NOT NULL,
    payment_id     uuid,
    order_id       uuid,
    order_code     text,
    cooperative_id uuid,
    reference      text        NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payout_statements (
    id                  uuid PRIMARY KEY,
    cooperative_id      uuid        NOT NULL,
    period_end          timestamptz NOT NULL,
    sales_centimes      bigint      NOT NULL,
    commission_centimes bigint      NOT NULL,
    refunds_centimes    bigint      NOT NULL,
    net_centimes        bigint      NOT NULL CHECK (net_centimes > 0),
    status              text        NOT NULL CHECK (status IN ('ISSUED', 'PAID')),
    paid_reference      text,
    paid_at             timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cooperative_id, period_end)
);

CREATE TABLE ledger_lines (
    id              bigserial PRIMARY KEY,
    journal_id      uuid   NOT NULL REFERENCES ledger_journal (id),
    account         text   NOT NULL,
    cooperative_id  uuid,
    amount_centimes bigint NOT NULL CHECK (amount_centimes <> 0),
    statement_id    uuid REFERENCES payout_statements (id)
);
CREATE INDEX ledger_lines_by_journal ON ledger_lines (journal_id);
CREATE INDEX ledger_lines_unstated ON ledger_lines (cooperative_id, journal_id) WHERE statement_id IS NULL;

-- Double entry, enforced where it cannot be bypassed: at commit, every journal entry touched in the
-- transaction sums to zero.
CREATE FUNCTION ledger_journal_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total bigint;
BEGIN
    SELECT coalesce(sum(amount_centimes), 0) INTO total FROM ledger_lines WHERE journal_id = NEW.journal_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger journal % does not balance (off by % centimes)', NEW.journal_id, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_lines_balance AFTER INSERT OR UPDATE ON ledger_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balances();
