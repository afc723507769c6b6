package io.readmodel.bench.baseline;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code baseline.*} settings of the reads benchmark's yardsticks. */
@ConfigMapping(prefix = "baseline")
public interface BaselineConfig {

    /** The HTTP ceiling route. */
    Ceiling ceiling();

    /** The fixed answer of {@code GET /ceiling/orders/{id}}. */
    interface Ceiling {

        /**
         * A file whose bytes the ceiling route answers for every id, e.g. a real read-api answer saved by the
         * benchmark. Default: a built-in order with three lines, shaped like read-api's.
         */
        Optional<Path> bodyFile();
    }
}
