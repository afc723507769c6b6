package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineCliTest {

    private static UpCommand parse(String... args) {
        CommandLine cli = new CommandLine(new PipelineCli());
        CommandLine.ParseResult result = cli.parseArgs(PipelineCli.withDefaultSubcommand(args));
        return (UpCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void noArgumentsMeansUpWithTheDocumentedDefaults() {
        UpCommand up = parse();

        assertThat(up.pgPort).isEqualTo(5433);
        assertThat(up.mongoPort).isEqualTo(27018);
        assertThat(up.database).isEqualTo("shop");
        assertThat(up.writeApiPort).isEqualTo(8081);
        assertThat(up.cdcBridgePort).isEqualTo(8083);
        assertThat(up.readApiPort).isEqualTo(8080);
        assertThat(up.mongodbUri).isNull();
        assertThat(up.dataDir).isNull();
        assertThat(up.demo).isFalse();
    }

    @Test
    void optionsWithoutASubcommandGoToUp() {
        UpCommand up = parse("--demo", "--pg-port", "6543", "--data-dir", "/tmp/p", "--mongodb-uri",
                "mongodb://db:27017/?replicaSet=rs0", "--jvm-arg=-Xmx512m", "--jvm-arg=-Dquarkus.log.level=DEBUG");

        assertThat(up.demo).isTrue();
        assertThat(up.pgPort).isEqualTo(6543);
        assertThat(up.dataDir).isEqualTo(Path.of("/tmp/p"));
        assertThat(up.mongodbUri).isEqualTo("mongodb://db:27017/?replicaSet=rs0");
        assertThat(up.jvmArgs).containsExactly("-Xmx512m", "-Dquarkus.log.level=DEBUG");
    }

    @Test
    void helpAndVersionStayTopLevel() {
        assertThat(PipelineCli.withDefaultSubcommand(new String[] {"--help"})).containsExactly("--help");
        assertThat(PipelineCli.withDefaultSubcommand(new String[] {"up", "--demo"})).containsExactly("up", "--demo");
    }

    @Test
    void theDemoFindsIdsInTheBodyOrTheLocationHeader() {
        assertThat(Demo.idOf("{\"id\": 42, \"status\":\"PLACED\"}", "")).isEqualTo(Optional.of(42L));
        assertThat(Demo.idOf("", "http://127.0.0.1:8081/orders/7")).isEqualTo(Optional.of(7L));
        assertThat(Demo.idOf("{}", null)).isEmpty();
    }
}
