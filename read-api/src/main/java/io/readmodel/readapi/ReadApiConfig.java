package io.readmodel.readapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of read-api, under the {@code readapi} prefix. */
@ConfigMapping(prefix = "readapi")
public interface ReadApiConfig {

    /** The MongoDB database holding the read models and the {@code checkpoints} collection. */
    @WithDefault("readmodel")
    String database();

    /** How requests carrying a consistency token wait for the projection to catch up. */
    Consistency consistency();

    /** Paging of list endpoints. */
    Pagination pagination();

    /** Settings of read-your-writes waits. */
    interface Consistency {

        /**
         * The longest a request with a consistency token waits before it is answered 504; a client may ask for
         * less with {@code Prefer: wait=<seconds>}, never for more.
         */
        @WithDefault("5s")
        Duration maxWait();

        /** How often the checkpoints are read while at least one request is waiting. */
        @WithDefault("5ms")
        Duration pollInterval();

        /** How often the checkpoints are read while nobody waits (keeps staleness metrics fresh). */
        @WithDefault("1s")
        Duration idlePollInterval();

        /** The longest one read of the checkpoints may take before it counts as failed and is retried. */
        @WithDefault("2s")
        Duration pollTimeout();
    }

    /** Settings of cursor pagination. */
    interface Pagination {

        /** The page size when the client gives no {@code limit}. */
        @WithDefault("20")
        int defaultLimit();

        /** The largest {@code limit} a client may ask for; larger is answered 400. */
        @WithDefault("100")
        int maxLimit();
    }
}
