package io.readmodel.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The development key pair and token of {@code pipeline up}: an RSA key pair created in
 * {@code <data-dir>/jwt/} on the first start and kept afterwards, whose public half the three apps verify bearer
 * tokens with, and a long-lived RS256 token holding every role, printed in the banner. For a developer's machine
 * only: production keys come from a Secret and tokens from the organisation's issuer.
 *
 * @param publicKey the PEM file of the public key ({@code mp.jwt.verify.publickey.location})
 * @param token a bearer token with the roles {@link #ROLES}, valid for {@link #TOKEN_LIFETIME}
 */
public record DevCredentials(Path publicKey, String token) {

    /** The issuer the apps accept by default ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "readmodel";

    /** Every role of the three apps. */
    public static final List<String> ROLES = List.of("writer", "admin", "reader");

    /** How long the development token lasts. */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** Loads the key pair from {@code directory}, creating it on the first call, and mints a fresh token. */
    public static DevCredentials loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path privateKeyFile = directory.resolve("private-key.pem");
        Path publicKeyFile = directory.resolve("public-key.pem");
        PrivateKey privateKey;
        if (Files.isRegularFile(privateKeyFile) && Files.isRegularFile(publicKeyFile)) {
            privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(fromPem(Files.readString(privateKeyFile))));
        } else {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePrivate(privateKeyFile, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKeyFile, toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
            privateKey = pair.getPrivate();
        }
        checkPublicMatches(privateKey, publicKeyFile);
        String token = sign(privateKey, ISSUER, "developer", ROLES, Instant.now(), TOKEN_LIFETIME);
        writePrivate(directory.resolve("dev-token"), token + "\n");
        return new DevCredentials(publicKeyFile, token);
    }

    /** An RS256 JWT with {@code iss}, {@code sub}, {@code groups}, {@code iat}, {@code exp} and {@code jti}. */
    static String sign(PrivateKey key, String issuer, String subject, List<String> groups, Instant issuedAt, Duration lifetime)
            throws GeneralSecurityException {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        StringBuilder claims = new StringBuilder("{\"iss\":\"").append(issuer).append("\",\"sub\":\"").append(subject)
                .append("\",\"upn\":\"").append(subject).append("\",\"groups\":[");
        for (int i = 0; i < groups.size(); i++) {
            claims.append(i == 0 ? "" : ",").append('"').append(groups.get(i)).append('"');
        }
        claims.append("],\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"exp\":").append(issuedAt.plus(lifetime).getEpochSecond())
                .append(",\"jti\":\"").append(UUID.randomUUID()).append("\"}");
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(rs256.sign());
    }

    private static void checkPublicMatches(PrivateKey privateKey, Path publicKeyFile) throws IOException, GeneralSecurityException {
        if (privateKey instanceof RSAPrivateCrtKey crt) {
            byte[] expected = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            if (!java.util.Arrays.equals(expected, fromPem(Files.readString(publicKeyFile)))) {
                throw new GeneralSecurityException(publicKeyFile + " is not the public half of " + publicKeyFile.resolveSibling("private-key.pem")
                        + "; delete both to create a new pair");
            }
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
