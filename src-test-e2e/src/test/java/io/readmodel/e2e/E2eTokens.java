package io.readmodel.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The bearer tokens of an end-to-end run: a fresh RSA key pair per test JVM, its public half written to
 * {@code src-test-e2e/target/e2e-jwt/public-key.pem} for the apps ({@link AppProcess#quarkusApp} passes it as
 * {@code mp.jwt.verify.publickey.location}), and RS256 tokens signed with the private half, which never leaves
 * memory. {@link Http} sends {@link #ALL_ROLES} unless a request says otherwise.
 */
final class E2eTokens {

    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    /** A token with every role (writer, admin, reader), valid for a day. */
    static final String ALL_ROLES = withGroups("writer", "admin", "reader");

    private E2eTokens() {
    }

    /** The value of {@code mp.jwt.verify.publickey.location} for the apps. */
    static String publicKeyLocation() {
        return "file:" + PUBLIC_KEY;
    }

    /** A token holding exactly these roles, valid for a day. */
    static String withGroups(String... groups) {
        StringBuilder claims = new StringBuilder("{\"iss\":\"readmodel\",\"sub\":\"e2e\",\"groups\":[");
        for (int i = 0; i < groups.length; i++) {
            claims.append(i == 0 ? "" : ",").append('"').append(groups[i]).append('"');
        }
        long now = Instant.now().getEpochSecond();
        claims.append("],\"iat\":").append(now).append(",\"exp\":").append(now + 86_400)
                .append(",\"jti\":\"").append(UUID.randomUUID()).append("\"}");
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(KEYS.getPrivate());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        Path file = Pipeline.ROOT.resolve("src-test-e2e/target/e2e-jwt/public-key-" + UUID.randomUUID() + ".pem");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
