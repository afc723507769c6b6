package io.readmodel.writeapi.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.readmodel.writeapi.problem.Failures;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts commands by name and outcome ({@code readmodel.writeapi.commands}, Prometheus
 * {@code readmodel_writeapi_commands_total}). Outcomes: {@code applied}, {@code replayed} (an idempotent retry),
 * {@code rejected} (4xx), {@code unavailable} (503), {@code failed} (500).
 */
@ApplicationScoped
public class CommandMetrics {

    /** The meter name. */
    public static final String COMMANDS = "readmodel.writeapi.commands";

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void succeeded(String command, boolean replayed) {
        count(command, replayed ? "replayed" : "applied");
    }

    void failed(String command, Throwable failure) {
        String outcome = Failures.classify(failure)
                .map(problem -> problem.status() == 503 ? "unavailable" : problem.status() >= 500 ? "failed" : "rejected")
                .orElse("failed");
        count(command, outcome);
    }

    private void count(String command, String outcome) {
        Counter.builder(COMMANDS)
                .description("Commands handled, by command and outcome")
                .tag("command", command)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
