package io.readmodel.bridge.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;

/**
 * Opens JDBC connections to the source database the bridge is configured for, and quotes the identifiers its SQL
 * names (the bridge works on a schema it does not own: any name may need quoting).
 */
public final class SourceConnections {

    private SourceConnections() {
    }

    /** A plain connection. */
    public static Connection open(BridgeConfig.Source source) throws SQLException {
        return DriverManager.getConnection(url(source), credentials(source));
    }

    /**
     * A replication connection (the walsender protocol in simple query mode: {@code CREATE_REPLICATION_SLOT} and
     * its kin); the user needs the REPLICATION attribute.
     */
    public static Connection openReplication(BridgeConfig.Source source) throws SQLException {
        Properties properties = credentials(source);
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        return DriverManager.getConnection(url(source), properties);
    }

    /** An identifier (a slot, a publication, a column) quoted by the driver, ready to be put in SQL text. */
    public static String quoted(Connection connection, String identifier) throws SQLException {
        return connection.unwrap(PGConnection.class).escapeIdentifier(identifier);
    }

    /** A table's schema-qualified name, both parts quoted by the driver. */
    public static String qualifiedName(Connection connection, String schema, String table) throws SQLException {
        return quoted(connection, schema) + "." + quoted(connection, table);
    }

    private static String url(BridgeConfig.Source source) {
        return "jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database();
    }

    private static Properties credentials(BridgeConfig.Source source) {
        Properties properties = new Properties();
        properties.setProperty("user", source.user());
        source.password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }
}
