package io.readmodel.readapi.consistency;

/**
 * Fired (as a CDI event) the first time the {@link CheckpointWatcher} sees a projection's checkpoint.
 *
 * @param projection the projection's name
 */
public record ProjectionDiscovered(String projection) {
}
