-- The token buckets of the rate limits, shared by every replica of the service: Bucket4j's state of
-- each bucket, serialized, changed only by compare-and-swap. The key is a digest, because what is
-- limited (a client's address, a phone number) is personal data. Rows past expires_at are full
-- buckets, the same as no row; they are purged.
CREATE TABLE rate_limit_buckets (
  bucket_key text PRIMARY KEY,
  state bytea NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX rate_limit_buckets_expiry ON rate_limit_buckets (expires_at);
