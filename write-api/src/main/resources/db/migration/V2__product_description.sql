-- A free-text description, possibly large (stored out of line, TOASTed, by PostgreSQL). write-api does not set it;
-- catalogue tools and legacy writers do. The products read model must never show Debezium's placeholder for it.
ALTER TABLE products ADD COLUMN description TEXT NOT NULL DEFAULT '';
