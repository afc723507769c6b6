package io.readmodel.readapi.lag;

import java.util.List;

/**
 * The body of {@code GET /lag}.
 *
 * @param projections one entry per checkpoint document, by projection name
 */
public record LagReport(List<ProjectionLag> projections) {
}
