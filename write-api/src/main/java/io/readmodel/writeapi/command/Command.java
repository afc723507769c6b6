package io.readmodel.writeapi.command;

/**
 * One command as the HTTP layer received it.
 *
 * @param name a short name for metrics ({@code place-order})
 * @param method the HTTP method
 * @param path the request path, part of the idempotency fingerprint
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
 * @param payload the parsed body (a command record), or {@code null} when there is none
 */
public record Command(String name, String method, String path, String idempotencyKey, Object payload) {
}
