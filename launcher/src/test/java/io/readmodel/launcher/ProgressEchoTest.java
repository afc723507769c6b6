package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressEchoTest {

    @Test
    void echoesOnlyTheBridgesSnapshotProgressLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("cdc-bridge.log");
        Files.writeString(log, "10:00:00.000 INFO  [i.r.b.s.ChangeStream] (main) change stream is streaming\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AtomicBoolean alive = new AtomicBoolean(true);
        ProgressEcho.follow("cdc-bridge", log, new PrintStream(console, true, StandardCharsets.UTF_8), alive::get);

        Files.writeString(log, "10:00:05.000 INFO  [i.r.b.s.SnapshotProgress] (change-stream) snapshot progress: 500 of 1000 rows (50%),"
                + " 100 rows/s, about 5 s left; orders 500/1000\n", java.nio.file.StandardOpenOption.APPEND);
        long deadline = System.currentTimeMillis() + 5000;
        while (!console.toString(StandardCharsets.UTF_8).contains("50%") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        alive.set(false);

        assertThat(console.toString(StandardCharsets.UTF_8))
                .isEqualTo("cdc-bridge: snapshot progress: 500 of 1000 rows (50%), 100 rows/s, about 5 s left; orders 500/1000"
                        + System.lineSeparator());
    }
}
