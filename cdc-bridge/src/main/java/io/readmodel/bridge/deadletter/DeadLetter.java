package io.readmodel.bridge.deadletter;

import java.time.Instant;

/**
 * An event the bridge could not project, kept so that nothing is lost silently.
 *
 * @param id its id
 * @param row the source row ({@code table:key}), or {@code null} when the record could not even be read
 * @param operation the change ({@code CREATE}, {@code UPDATE}, ...), or {@code null}
 * @param position its position, or {@code null}
 * @param event the change as stored (JSON), or the raw record's text
 * @param error what went wrong
 * @param failedAt when it first failed
 * @param attempts how many times it was tried
 * @param retryable whether it can be retried (records that could not be read cannot)
 */
public record DeadLetter(String id, String row, String operation, String position, String event, String error,
        Instant failedAt, int attempts, boolean retryable) {
}
