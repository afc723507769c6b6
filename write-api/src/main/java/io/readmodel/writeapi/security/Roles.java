package io.readmodel.writeapi.security;

/**
 * The roles write-api checks, read from the {@code groups} claim of the caller's JWT bearer token
 * (README "Security").
 */
public final class Roles {

    /** May run every command ({@code POST}/{@code PATCH} on customers, products and orders). */
    public static final String WRITER = "writer";

    private Roles() {
    }
}
