package io.readmodel.e2e;

import java.util.Map;
import java.util.OptionalDouble;

/** Reads one sample out of an app's Prometheus text ({@code /q/metrics}). */
final class Metrics {

    private Metrics() {
    }

    /**
     * The value of a sample, e.g. {@code readmodel_bridge_source_lag_seconds{projection="orders"}} or
     * {@code readmodel_bridge_slot_retained_wal_bytes}; empty when the app does not answer or has no such sample.
     */
    static OptionalDouble sample(AppProcess app, String sample) {
        String body;
        try {
            Http.Response response = Http.get(app.url("/q/metrics"), Map.of());
            if (response.status() != 200) {
                return OptionalDouble.empty();
            }
            body = response.raw().body();
        } catch (IllegalStateException unreachable) {
            return OptionalDouble.empty();
        }
        return sample(body, sample);
    }

    /** The value of a sample in Prometheus text. */
    static OptionalDouble sample(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }
}
