package io.readmodel.writeapi.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aConnectionResetByARestartingDatabaseIsUnavailableNotAnInternalError() {
        Throwable reset = new SocketException("Connection reset");

        assertThat(Failures.classify(reset)).hasValueSatisfying(problem -> assertThat(problem.status()).isEqualTo(503));
        assertThat(Failures.classify(new VertxException("command failed", reset)))
                .hasValueSatisfying(problem -> assertThat(problem.status()).isEqualTo(503));
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        assertThat(Failures.classify(new ConnectException("Connection refused")))
                .hasValueSatisfying(problem -> assertThat(problem.status()).isEqualTo(503));
    }

    @Test
    void anUnknownFailureIsLeftToTheInternalErrorMapper() {
        assertThat(Failures.classify(new IllegalStateException("bug"))).isEmpty();
    }
}
