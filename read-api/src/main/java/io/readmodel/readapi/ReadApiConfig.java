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

    /** Who may read documents. */
    Auth auth();

    /** The in-process cache of documents read by key ({@code /orders/{id}}, {@code /customers/{id}}, {@code /views/{p}/{id}}). */
    Cache cache();

    /** The live status page ({@code /status.html}) and its data ({@code /status/summary}, {@code /status/series}). */
    Status status();

    /** Settings of the status page's history. */
    interface Status {

        /** How often every projection's lag and events count are sampled into the in-memory history. */
        @WithDefault("1s")
        Duration sampleInterval();

        /** How much history {@code /status/series} keeps (in memory, per projection; lost on restart). */
        @WithDefault("10m")
        Duration history();

        /**
         * How old the bridge's {@code bridge_status} document may be and still count: the bridge rewrites it every
         * second while it streams, so an older one means the bridge is stopped or cut off from MongoDB.
         */
        @WithDefault("5s")
        Duration bridgeStaleAfter();
    }

    /**
     * The document cache: documents read by key are kept in memory and dropped when the bridge's {@code invalidations}
     * log says a batch wrote them and the projection's checkpoint has passed that batch (docs/contracts.md). Answers
     * from the cache are never older than the position read-api claims for them (tokens, {@code X-Applied-Position},
     * staleness).
     */
    interface Cache {

        /**
         * Whether documents read by key are cached. Even when on, a projection is only served from the cache once
         * the bridge's {@code invalidations} log has been found and followed; until then (or with a bridge that does
         * not write the log) every read goes to MongoDB, as with {@code false}.
         */
        @WithDefault("true")
        boolean enabled();

        /** The most documents (and "no such live document" answers) kept, over all projections; LRU-like eviction. */
        @WithDefault("50000")
        long maxDocuments();

        /**
         * How often the checkpoints are read while the cache is on (also while nobody waits for a token), and the
         * {@code invalidations} log with them whenever a checkpoint moved or a gap check is due: cached answers are at
         * most about this much older than the checkpoints.
         */
        @WithDefault("2ms")
        Duration pollInterval();

        /**
         * How often, while no new invalidation entry shows up, the newest entry is looked up to detect that
         * entries were pruned past read-api's position (then the cache is cleared and followed again).
         */
        @WithDefault("1s")
        Duration gapCheckInterval();
    }

    /** Access to the document endpoints ({@code /orders}, {@code /customers}, {@code /views}). */
    interface Auth {

        /**
         * Whether reading documents needs a JWT bearer token with the {@code reader} role (401 without a valid
         * token, 403 without the role). Off by default: read models often serve public or internal pages. The
         * lag report, the status page, health and metrics stay open either way. {@code application.properties}
         * turns this into the HTTP permission {@code quarkus.http.auth.permission.reads.enabled}.
         */
        @WithDefault("false")
        boolean required();
    }

    /** Settings of read-your-writes waits. */
    interface Consistency {

        /**
         * The longest a request with a consistency token waits before it is answered 504; a client may ask for
         * less with {@code Prefer: wait=<seconds>}, never for more.
         */
        @WithDefault("5s")
        Duration maxWait();

        /** How often the checkpoints are read while at least one request is waiting. */
        @WithDefault("2ms")
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
