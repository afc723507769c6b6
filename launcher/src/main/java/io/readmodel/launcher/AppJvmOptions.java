package io.readmodel.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every app gets: the launcher's defaults for the Java it runs on, then the user's own
 * ({@code --jvm-arg}), which come later on the command line and so override a default.
 *
 * <p>On Java 25 and later the default is compact object headers (JEP 519, {@value #COMPACT_OBJECT_HEADERS}): 8-byte
 * object headers instead of 12. The bridge allocates a few small objects per row, and with the headers the pipeline
 * applied 15–20 % more rows per second on two cores (BENCHMARKS.md, section 1). Java 17 to 24 do not accept the
 * option as a product flag, so it is left out there.
 */
final class AppJvmOptions {

    /** The option that turns compact object headers on (a product flag from Java 25). */
    static final String COMPACT_OBJECT_HEADERS = "-XX:+UseCompactObjectHeaders";

    /** The first Java feature release whose compact object headers need no unlocking. */
    static final int COMPACT_OBJECT_HEADERS_SINCE = 25;

    private AppJvmOptions() {
    }

    /** The options for an app run by Java {@code javaFeature} (e.g. 17, 25), the user's after the defaults. */
    static List<String> of(int javaFeature, List<String> userOptions) {
        List<String> options = new ArrayList<>();
        if (javaFeature >= COMPACT_OBJECT_HEADERS_SINCE) {
            options.add(COMPACT_OBJECT_HEADERS);
        }
        options.addAll(userOptions);
        return List.copyOf(options);
    }
}
