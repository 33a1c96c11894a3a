-- Proofs of work already used to pass a rate limit: each solved challenge passes once. The challenge
-- is a random hash, nothing personal. A row is needed only until its challenge has expired anyway,
-- then it is purged.
CREATE TABLE proofs_of_work_spent (
  challenge text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

CREATE INDEX proofs_of_work_spent_expiry ON proofs_of_work_spent (expires_at);
