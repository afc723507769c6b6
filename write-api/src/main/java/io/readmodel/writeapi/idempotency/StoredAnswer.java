package io.readmodel.writeapi.idempotency;

/**
 * The first answer given to a command, kept under its {@code Idempotency-Key} so a retry gets it again.
 *
 * @param status the HTTP status
 * @param body the JSON body, as sent
 * @param location the {@code Location} header, or {@code null}
 */
public record StoredAnswer(int status, String body, String location) {
}
