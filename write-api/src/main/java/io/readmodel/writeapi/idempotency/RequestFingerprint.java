package io.readmodel.writeapi.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for an idempotency key: SHA-256 of the method, the path and the canonical
 * body (the parsed command written back as JSON), so whitespace and field order do not matter.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The hex SHA-256 of the request's method, path and canonical body. */
    public static String of(String method, String path, String canonicalBody) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {method, path, canonicalBody}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
