package io.readmodel.writeapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything write-api itself can be told (prefix {@code writeapi}). Datasource, HTTP and Flyway settings are
 * Quarkus' own ({@code quarkus.datasource.*}, {@code quarkus.http.*}, {@code quarkus.flyway.*}).
 */
@ConfigMapping(prefix = "writeapi")
public interface WriteApiConfig {

    /** Consistency tokens handed out after each command. */
    Token token();

    /** Limits on order commands. */
    Order order();

    /** The {@code Idempotency-Key} header. */
    Idempotency idempotency();

    /** RFC 9457 problem documents. */
    Problems problem();

    /** Consistency token settings. */
    interface Token {

        /**
         * The prefix of the non-transactional logical message written after each commit
         * ({@code pg_logical_emit_message(false, prefix, '')}); its LSN is the token. The bridge must listen for the
         * same prefix, which is why the default is the one {@code docs/contracts.md} fixes.
         */
        @WithDefault("readmodel.token")
        String messagePrefix();
    }

    /** Order command limits. */
    interface Order {

        /** The most lines one order may have; also bounds the merged quantity of a product far below overflow. */
        @WithDefault("100")
        int maxLines();
    }

    /** Idempotency settings. */
    interface Idempotency {

        /** The longest accepted {@code Idempotency-Key} in characters; the table allows at most 200. */
        @WithDefault("200")
        int maxKeyLength();
    }

    /** Problem document settings. */
    interface Problems {

        /**
         * The base of each problem's {@code type} URI; the problem's slug is appended
         * ({@code https://readmodel.io/problems/insufficient-stock}).
         */
        @WithDefault("https://readmodel.io/problems/")
        String typeBase();
    }
}
