-- Marketing by SMS or e-mail only to shoppers who agreed (law 09-08; docs/compliance.md): one row per
-- phone or e-mail address, with the words agreed to and when, and when and how they took it back
-- (STOP by SMS, the link in an e-mail, an operator). A new consent at a later checkout opens it again.
CREATE TABLE marketing_consents (
    id              uuid PRIMARY KEY,
    contact         text        NOT NULL UNIQUE,
    channel         text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    language        text        NOT NULL,
    consent_version text        NOT NULL,
    consent_text    text        NOT NULL,
    consented_at    timestamptz NOT NULL,
    withdrawn_at    timestamptz,
    withdrawn_by    text
);
CREATE INDEX marketing_consents_open ON marketing_consents (channel) WHERE withdrawn_at IS NULL;

-- What operators sent to those who agreed: once per Idempotency-Key.
CREATE TABLE announcements (
    id              uuid PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    request_hash    text        NOT NULL,
    texts           jsonb       NOT NULL,
    channels        text[]      NOT NULL,
    recipients      integer     NOT NULL,
    sent_by         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
