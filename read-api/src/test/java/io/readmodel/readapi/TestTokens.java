package io.readmodel.readapi;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/**
 * Mints the tests' bearer tokens with the test-only key pair in {@code src/test/resources/test-jwt}, whose public
 * half the application verifies with in the {@code test} profile.
 */
public final class TestTokens {

    /** The issuer the application accepts ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "readmodel";

    private static final PrivateKey KEY = load();

    private TestTokens() {
    }

    /** A token with the {@code reader} role, valid for an hour. */
    public static String reader() {
        return withGroups("reader");
    }

    /** A valid token holding exactly these roles. */
    public static String withGroups(String... groups) {
        return Jwt.issuer(ISSUER).subject("test").groups(Set.of(groups)).expiresAt(Instant.now().plusSeconds(3600)).sign(KEY);
    }

    /** A {@code reader} token that expired an hour ago. */
    public static String expired() {
        return Jwt.issuer(ISSUER).subject("test").groups("reader")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign(KEY);
    }

    /** A {@code reader} token signed by a key the application does not know. */
    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject("test").groups("reader").sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code reader} token from an issuer the application does not trust. */
    public static String fromAnotherIssuer() {
        return Jwt.issuer("someone-else").subject("test").groups("reader").sign(KEY);
    }

    private static PrivateKey load() {
        try (InputStream pem = TestTokens.class.getResourceAsStream("/test-jwt/private-key.pem")) {
            return KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test private key", e);
        }
    }
}
