package io.readmodel.readapi.store;

import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Creates, at start, the indexes read-api's own queries need, without delaying the start or blocking a thread:
 * {@code {"customer.id": 1, "placedAt": -1, "_id": -1}} on {@code orders} (a customer's orders, newest first).
 * Creating an index that exists is a no-op, so every instance does it; while MongoDB is unreachable it retries
 * with back-off. The bridge may create the same index: same keys, same default name, no conflict.
 */
@ApplicationScoped
public class ReadModelIndexes {

    private static final Logger LOG = Logger.getLogger(ReadModelIndexes.class);

    /** The index of the customer-orders query. */
    public static final Bson CUSTOMER_ORDERS = Indexes.compoundIndex(
            Indexes.ascending("customer.id"), Indexes.descending("placedAt", "_id"));

    private final ReadModelStore store;
    private volatile Cancellable creating;

    ReadModelIndexes(ReadModelStore store) {
        this.store = store;
    }

    void create(@Observes StartupEvent event) {
        creating = store.collection("orders").createIndex(CUSTOMER_ORDERS)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
                .subscribe().with(
                        name -> LOG.infof("index %s on orders is in place", name),
                        failure -> LOG.warnf("could not create the customer-orders index on orders: %s",
                                failure.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        Cancellable pending = creating;
        if (pending != null) {
            pending.cancel();
        }
    }
}
