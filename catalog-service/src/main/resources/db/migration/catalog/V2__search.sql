-- Full-text search over names and descriptions in Arabic, French and English, each with its own
-- text search configuration (stemming, stop words), and trigram matching for typos in short queries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Folds the spellings a shopper may type interchangeably into one: lower case; the alef forms
-- (أ إ آ ٱ) to ا, ى to ي, ة to ه; Arabic diacritics and tatweel removed. Used on both the indexed
-- names and the query, so "اركان" finds "أركان".
CREATE FUNCTION search_folded(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(lower($1), 'أإآٱىةًٌٍَُِّْـ', 'اااايه') $$;

ALTER TABLE products
    ADD COLUMN search_ar tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('arabic', coalesce(name ->> 'ar', '')), 'A') ||
        setweight(to_tsvector('arabic', coalesce(description ->> 'ar', '')), 'B')) STORED,
    ADD COLUMN search_fr tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french', coalesce(name ->> 'fr', '')), 'A') ||
        setweight(to_tsvector('french', coalesce(description ->> 'fr', '')), 'B')) STORED,
    ADD COLUMN search_en tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(name ->> 'en', '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description ->> 'en', '')), 'B')) STORED,
    -- The names in every language, folded, for typo-tolerant matching.
    ADD COLUMN search_names text GENERATED ALWAYS AS (
        search_folded(coalesce(name ->> 'ar', '') || ' ' || coalesce(name ->> 'fr', '') || ' ' ||
                      coalesce(name ->> 'en', ''))) STORED;

CREATE INDEX products_search_ar ON products USING gin (search_ar);
CREATE INDEX products_search_fr ON products USING gin (search_fr);
CREATE INDEX products_search_en ON products USING gin (search_en);
CREATE INDEX products_search_names ON products USING gin (search_names gin_trgm_ops);
CREATE INDEX products_by_price ON products (price_centimes, id);
