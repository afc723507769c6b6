package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCredentialsTest {

    @TempDir
    Path data;

    @Test
    void theKeyPairIsCreatedOnceAndTheTokenVerifiesWithItsPublicHalf() throws Exception {
        DevCredentials first = DevCredentials.loadOrCreate(data.resolve("jwt"));
        String publicPem = Files.readString(first.publicKey());
        DevCredentials second = DevCredentials.loadOrCreate(data.resolve("jwt"));

        assertThat(Files.readString(second.publicKey())).isEqualTo(publicPem);
        assertThat(Files.readString(data.resolve("jwt/dev-token")).trim()).isEqualTo(second.token());
        for (String token : List.of(first.token(), second.token())) {
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(3);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey(publicPem));
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertThat(claims).contains("\"iss\":\"readmodel\"", "\"groups\":[\"writer\",\"admin\",\"reader\"]");
            long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
            assertThat(exp).isGreaterThan(Instant.now().plusSeconds(300 * 86400L).getEpochSecond());
        }
    }

    @Test
    void theAppsVerifyWithTheKeyAndTheBannerShowsTheToken() throws Exception {
        DevCredentials credentials = DevCredentials.loadOrCreate(data.resolve("jwt"));
        LaunchPlan plan = new LaunchPlan(Path.of("/repo"), 5433, "shop", "mongodb://127.0.0.1:27018",
                new LaunchPlan.HttpPorts(8081, 8083, 8080), credentials.publicKey());

        assertThat(plan.apps()).allSatisfy(app -> assertThat(app.properties())
                .containsEntry("mp.jwt.verify.publickey.location", "file:" + credentials.publicKey().toAbsolutePath()));
        String banner = Banner.render(plan, true, data, data.resolve("logs"), credentials.token());
        assertThat(banner).contains("export READMODEL_TOKEN=" + credentials.token())
                .contains("-H \"Authorization: Bearer $READMODEL_TOKEN\"");
    }

    private static PublicKey publicKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
