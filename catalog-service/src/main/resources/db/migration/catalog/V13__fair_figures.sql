-- What an ended fair sold, as order-service announces it (FairFiguresPublished): its page shows it as
-- served (docs/fairs.md). Null until the fair has ended and its figures were announced.
ALTER TABLE fairs ADD COLUMN sold jsonb;
