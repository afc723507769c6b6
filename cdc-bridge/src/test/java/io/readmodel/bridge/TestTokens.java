package io.readmodel.bridge;

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

    /** A token with the {@code admin} role, valid for an hour. */
    public static String admin() {
        return withGroups("admin");
    }

    /** A valid token holding exactly these roles. */
    public static String withGroups(String... groups) {
        return Jwt.issuer(ISSUER).subject("test").groups(Set.of(groups)).expiresAt(Instant.now().plusSeconds(3600)).sign(KEY);
    }

    /** An {@code admin} token that expired an hour ago. */
    public static String expired() {
        return Jwt.issuer(ISSUER).subject("test").groups("admin")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign(KEY);
    }

    /** An {@code admin} token signed by a key the application does not know. */
    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject("test").groups("admin").sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code admin} token from an issuer the application does not trust. */
    public static String fromAnotherIssuer() {
        return Jwt.issuer("someone-else").subject("test").groups("admin").sign(KEY);
    }

    private static PrivateKey load() {
        try (InputStream pem = TestTokens.class.getResourceAsStream("/test-jwt/private-key.pem")) {
            return KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test private key", e);
        }
    }
}
