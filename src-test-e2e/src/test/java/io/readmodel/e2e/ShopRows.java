package io.readmodel.e2e;

import java.util.Map;

/**
 * N rows of the shop schema that exist before the bridge first starts, filled with {@code generate_series}: per order
 * 3 lines, and a customer and a product per 10 orders (so that no customer document aggregates a long history).
 * The script moves the id sequences past them, so write-api's commands can run on top.
 */
record ShopRows(long customers, long products, long orders) {

    static ShopRows of(long total) {
        long orders = Math.max(1, Math.round(total / 4.2));
        long customers = Math.max(1, orders / 10);
        long products = Math.max(1, total - 4 * orders - customers);
        return new ShopRows(customers, products, orders);
    }

    long lines() {
        return 3 * orders;
    }

    long total() {
        return customers + products + orders + lines();
    }

    Map<String, Long> documents() {
        return Map.of("orders", orders, "customers", customers, "products", products);
    }

    String loadScript() {
        return String.format("""
                INSERT INTO customers (id, name, email, city)
                    SELECT g, 'customer ' || g, 'c' || g || '@example.com', 'city ' || (g %% 100) FROM generate_series(1, %1$d) g;
                INSERT INTO products (id, sku, name, price_cents, stock, description)
                    SELECT g, 'SKU-' || g, 'product ' || g, 100 + g %% 1000, 1000000, 'a product for the snapshot benchmark'
                    FROM generate_series(1, %2$d) g;
                INSERT INTO orders (id, customer_id, status, total_cents, placed_at)
                    SELECT g, 1 + g %% %1$d, CASE WHEN g %% 10 = 0 THEN 'CANCELLED' ELSE 'PLACED' END, 3000,
                           timestamptz '2026-01-01' + g * interval '1 second'
                    FROM generate_series(1, %3$d) g;
                INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_cents)
                    SELECT g, 1 + (g - 1) / 3, 1 + g %% %2$d, 1 + g %% 5, 1000 FROM generate_series(1, %4$d) g;
                SELECT setval('customers_id_seq', %1$d), setval('products_id_seq', %2$d), setval('orders_id_seq', %3$d),
                       setval('order_lines_id_seq', %4$d);
                ANALYZE customers, products, orders, order_lines;
                """, customers, products, orders, lines());
    }
}
