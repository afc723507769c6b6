package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppJvmOptionsTest {

    @Test
    void java17GetsOnlyTheUsersOptions() {
        assertThat(AppJvmOptions.of(17, List.of("-Xmx512m"))).containsExactly("-Xmx512m");
    }

    @Test
    void java24StillLacksTheProductFlag() {
        assertThat(AppJvmOptions.of(24, List.of())).isEmpty();
    }

    @Test
    void java25GetsCompactObjectHeadersBeforeTheUsersOptions() {
        assertThat(AppJvmOptions.of(25, List.of("-Xmx512m"))).containsExactly("-XX:+UseCompactObjectHeaders", "-Xmx512m");
        assertThat(AppJvmOptions.of(26, List.of())).containsExactly("-XX:+UseCompactObjectHeaders");
    }

    @Test
    void theUserTurnsThemOffWithAnOptionThatComesLater() {
        List<String> options = AppJvmOptions.of(25, List.of("-XX:-UseCompactObjectHeaders"));

        assertThat(options).containsExactly("-XX:+UseCompactObjectHeaders", "-XX:-UseCompactObjectHeaders");
    }
}
