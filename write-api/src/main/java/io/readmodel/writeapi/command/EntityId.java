package io.readmodel.writeapi.command;

/**
 * The answer of a command that created or changed one row.
 *
 * @param id the row's id
 */
public record EntityId(long id) {
}
