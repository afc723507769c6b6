package io.readmodel.writeapi.command;

/**
 * What a successful command answers, before the consistency token is added.
 *
 * @param status the HTTP status
 * @param body the body, written as JSON
 * @param location the {@code Location} header, or {@code null}
 */
public record CommandAnswer(int status, Object body, String location) {

    /** 201 with a {@code Location}. */
    public static CommandAnswer created(String location, Object body) {
        return new CommandAnswer(201, body, location);
    }

    /** 200. */
    public static CommandAnswer ok(Object body) {
        return new CommandAnswer(200, body, null);
    }
}
