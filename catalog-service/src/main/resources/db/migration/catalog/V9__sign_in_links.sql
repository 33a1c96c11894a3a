-- Sign-in links owed to cooperatives' members (docs/identity.md): the manager's first when an
-- operator verifies the cooperative, or a new one an operator sends a member. A row is owed until
-- its account exists in Keycloak and the link's event is in the outbox (sent_at); only the digest of
-- the link's code is kept, never the code.
CREATE TABLE sign_in_links (
    id              uuid PRIMARY KEY,
    cooperative_id  uuid NOT NULL REFERENCES cooperatives (id),
    member_id       text,
    username        text,
    code_digest     text UNIQUE,
    requested_by    text NOT NULL,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    expires_at      timestamptz,
    used_at         timestamptz,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_problem    text,
    CHECK ((sent_at IS NULL) = (code_digest IS NULL))
);

CREATE INDEX sign_in_links_owed ON sign_in_links (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX sign_in_links_by_member ON sign_in_links (member_id) WHERE sent_at IS NOT NULL;
