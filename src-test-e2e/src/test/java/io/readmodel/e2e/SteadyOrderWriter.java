package io.readmodel.e2e;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A "legacy" writer at a steady rate until {@link #close()}: plain JDBC, one transaction per order with 3 lines
 * (random customer and products from the given ranges), spread over a few connections, each paced at its share
 * of the rate (one connection's commit round trips alone cannot reach 500/s on a loaded machine). A connection
 * that falls behind its schedule writes without pausing until it has caught up; {@link #achievedRate()} tells
 * what really happened.
 */
final class SteadyOrderWriter implements AutoCloseable {

    private final Pipeline pipeline;
    private final int ordersPerSecond;
    private final int customers;
    private final int products;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong orders = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;

    private SteadyOrderWriter(Pipeline pipeline, int ordersPerSecond, int customers, int products, int connections) {
        this.pipeline = pipeline;
        this.ordersPerSecond = ordersPerSecond;
        this.customers = customers;
        this.products = products;
        for (int c = 0; c < connections; c++) {
            threads.add(new Thread(() -> write(connections), "steady-order-writer-" + c));
        }
    }

    /**
     * Starts writing {@code ordersPerSecond} orders (and 3 lines each) for customers 1..customers, products
     * 1..products, over {@code connections} connections.
     */
    static SteadyOrderWriter start(Pipeline pipeline, int ordersPerSecond, int customers, int products, int connections) {
        SteadyOrderWriter writer = new SteadyOrderWriter(pipeline, ordersPerSecond, customers, products, connections);
        writer.threads.forEach(Thread::start);
        return writer;
    }

    private void write(int connections) {
        long intervalNanos = 1_000_000_000L * connections / ordersPerSecond;
        try (Connection connection = pipeline.sql()) {
            OrderInserts inserts = new OrderInserts(connection);
            long next = System.nanoTime();
            while (running.get()) {
                inserts.insert(1 + ThreadLocalRandom.current().nextInt(customers), products);
                orders.incrementAndGet();
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
        } finally {
            endNanos = System.nanoTime();
        }
    }

    /** Orders committed so far. */
    long orders() {
        return orders.get();
    }

    /** Orders per second committed from the start until now (or until the writer stopped). */
    double achievedRate() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return orders.get() / ((end - startNanos) / 1e9);
    }

    /** Stops writing, waits for the threads, and fails if a connection failed. */
    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the steady writer failed", failure.get());
        }
    }
}
