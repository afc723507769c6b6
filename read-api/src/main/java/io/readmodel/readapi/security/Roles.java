package io.readmodel.readapi.security;

/** The role read-api checks, read from the {@code groups} claim of the caller's JWT bearer token. */
public final class Roles {

    /** May read documents when {@code readapi.auth.required=true}. */
    public static final String READER = "reader";

    private Roles() {
    }
}
