package io.readmodel.bridge.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Unordered bulk writes, and the threads that write disjoint collections concurrently. A bulk write's outcome says
 * how many operations were acknowledged and which failed, so that each caller decides what a duplicate key means
 * to it (a lost race, or a newer version stored already). Concurrent tasks have all ended, acknowledged or failed,
 * before {@link #all} returns or throws: the steps of a write that must follow each other still do.
 */
final class BulkWrites {

    /** Threads writing concurrently (daemons; idle ones end after a minute). */
    static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "read-model-writer");
        thread.setDaemon(true);
        return thread;
    });

    private static final int DUPLICATE_KEY = 11000;

    private BulkWrites() {
    }

    /**
     * What an unordered bulk write did: the operations acknowledged (inserted, or matched by their filter) and its
     * failure, if any operation failed (it names every failed operation).
     */
    record Outcome(long acknowledged, List<MongoBulkWriteException> failures) {

        /** Throws the first failure that is not a duplicate key. */
        void throwUnlessOnlyDuplicateKeys() {
            for (MongoBulkWriteException failure : failures) {
                if (!failure.getWriteErrors().stream().map(BulkWriteError::getCode).allMatch(code -> code == DUPLICATE_KEY)) {
                    throw failure;
                }
            }
        }
    }

    /** Writes the operations in one unordered bulk write. */
    static <T> Outcome unordered(MongoCollection<T> collection, List<? extends WriteModel<T>> models) {
        if (models.isEmpty()) {
            return new Outcome(0, List.of());
        }
        try {
            return new Outcome(acknowledged(collection.bulkWrite(models, new BulkWriteOptions().ordered(false))), List.of());
        } catch (MongoBulkWriteException e) {
            return new Outcome(acknowledged(e.getWriteResult()), List.of(e));
        }
    }

    /**
     * Runs the tasks on {@link #THREADS} and returns their results in order, once all of them have ended; the first
     * failure is rethrown then (unwrapped when it is unchecked).
     */
    static <T> List<T> all(List<Supplier<T>> tasks) {
        List<CompletableFuture<T>> running = tasks.stream().map(task -> CompletableFuture.supplyAsync(task, THREADS)).toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        List<T> results = new ArrayList<>(running.size());
        for (CompletableFuture<T> task : running) {
            results.add(await(task));
        }
        return results;
    }

    /** The task's result once it has ended; its failure rethrown (unwrapped when it is unchecked). */
    private static <T> T await(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static long acknowledged(BulkWriteResult result) {
        return result.wasAcknowledged() ? (long) result.getInsertedCount() + result.getMatchedCount() : 0;
    }
}
