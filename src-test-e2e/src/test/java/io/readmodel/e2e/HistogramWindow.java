package io.readmodel.e2e;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a Prometheus histogram of an app (e.g. {@code readmodel_bridge_commit_to_applied_seconds}) recorded between
 * two scrapes: count, mean and quantiles estimated from the cumulative buckets (upper bound of the bucket holding
 * the quantile), all series of the name summed.
 */
final class HistogramWindow {

    private final AppProcess app;
    private final String name;
    private final Map<Double, Double> startBuckets;
    private final double startSum;

    private HistogramWindow(AppProcess app, String name) {
        this.app = app;
        this.name = name;
        String text = scrape(app);
        this.startBuckets = buckets(text, name);
        this.startSum = total(text, name + "_sum");
    }

    /** Starts a window now. */
    static HistogramWindow start(AppProcess app, String name) {
        return new HistogramWindow(app, name);
    }

    /** "n=.. mean .. ms p50 .. ms p99 .. ms" of what was recorded since the start, in milliseconds. */
    String summary() {
        String text = scrape(app);
        Map<Double, Double> end = buckets(text, name);
        Map<Double, Double> delta = new TreeMap<>();
        end.forEach((bound, count) -> delta.put(bound, count - startBuckets.getOrDefault(bound, 0.0)));
        double count = delta.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (count <= 0) {
            return name + ": nothing recorded";
        }
        double mean = (total(text, name + "_sum") - startSum) / count;
        return String.format("%s: n=%.0f mean %.1f ms p50 <= %.1f ms p99 <= %.1f ms", name, count, mean * 1e3,
                quantile(delta, count, 0.5) * 1e3, quantile(delta, count, 0.99) * 1e3);
    }

    private static double quantile(Map<Double, Double> cumulative, double count, double q) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * count) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static Map<Double, Double> buckets(String text, String name) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "_bucket{")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                buckets.merge(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), value, Double::sum);
            }
        }
        return buckets;
    }

    private static double total(String text, String sample) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ") || line.startsWith(sample + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static String scrape(AppProcess app) {
        return Http.get(app.url("/q/metrics"), Map.of()).raw().body();
    }
}
