-- The reference command side's normalized schema. The bridge treats it like any legacy schema:
-- it only needs the tables to have primary keys.
CREATE TABLE customers (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email      TEXT        NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND position('@' IN email) > 1),
    city       TEXT        NOT NULL CHECK (length(city) BETWEEN 1 AND 200),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id          BIGSERIAL PRIMARY KEY,
    sku         TEXT    NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 64),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    price_cents BIGINT  NOT NULL CHECK (price_cents >= 0),
    stock       INTEGER NOT NULL CHECK (stock >= 0)
);

CREATE TABLE orders (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT      NOT NULL REFERENCES customers (id),
    status      TEXT        NOT NULL DEFAULT 'PLACED' CHECK (status IN ('PLACED', 'CANCELLED', 'SHIPPED')),
    total_cents BIGINT      NOT NULL CHECK (total_cents >= 0),
    placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC);

CREATE TABLE order_lines (
    id               BIGSERIAL PRIMARY KEY,
    order_id         BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       BIGINT  NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents BIGINT  NOT NULL CHECK (unit_price_cents >= 0)
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- Remembers the first answer to each Idempotency-Key. Not published: the bridge never sees it.
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    request_hash TEXT        NOT NULL,
    status       INTEGER     NOT NULL,
    body         TEXT        NOT NULL,
    location     TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
