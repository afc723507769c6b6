package io.readmodel.bridge.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.stream.ChangeStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Watches the replication slot: {@code readmodel_bridge_slot_retained_wal_bytes} (WAL the server keeps for the
 * slot: current position minus the slot's confirmed flush position; -1 while unknown) and
 * {@code readmodel_bridge_streaming} (1 while the stream is connected).
 */
@ApplicationScoped
public class SlotMonitor {

    private static final Logger LOG = Logger.getLogger(SlotMonitor.class);

    private final BridgeConfig config;
    private final AtomicLong retained = new AtomicLong(-1);

    SlotMonitor(BridgeConfig config, MeterRegistry registry, ChangeStream stream) {
        this.config = config;
        Gauge.builder("readmodel.bridge.slot.retained.wal", retained, AtomicLong::get).baseUnit("bytes")
                .description("WAL retained by the replication slot").register(registry);
        Gauge.builder("readmodel.bridge.streaming", stream, s -> s.isStreaming() ? 1 : 0)
                .description("1 while the replication stream is connected").register(registry);
    }

    @Scheduled(every = "${bridge.slot-check-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        BridgeConfig.Source source = config.source();
        Properties properties = new Properties();
        properties.setProperty("user", source.user());
        source.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", "5");
        String url = "jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database();
        try (Connection connection = DriverManager.getConnection(url, properties);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, config.slotName());
            try (ResultSet result = statement.executeQuery()) {
                retained.set(result.next() ? result.getLong(1) : -1);
            }
        } catch (SQLException e) {
            retained.set(-1);
            LOG.debugf("cannot measure the slot: %s", e.getMessage());
        }
    }

    /** The latest measurement, in bytes (-1 while unknown). */
    public long retainedBytes() {
        return retained.get();
    }
}
