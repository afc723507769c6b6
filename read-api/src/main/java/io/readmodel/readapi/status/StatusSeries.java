package io.readmodel.readapi.status;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /status/series}.
 *
 * @param intervalSeconds the sampling interval
 * @param projections each projection's samples, oldest first
 */
public record StatusSeries(double intervalSeconds, Map<String, List<LagSample>> projections) {
}
