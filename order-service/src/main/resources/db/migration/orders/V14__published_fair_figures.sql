-- What was last announced of each ended fair's figures (FairFiguresPublished): announced again only
-- when they change (docs/fairs.md).
CREATE TABLE published_fair_figures (
    fair_id      uuid PRIMARY KEY,
    figures      jsonb       NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
