package io.readmodel.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB wire-protocol stand-in ({@code de.bwaldvogel:mongo-java-server}) used by the embedded default and
 * the tests, because no MongoDB server can be installed on these machines. In memory, or persistent in an H2
 * file. Production uses a real MongoDB: the applications only use features both support (see the README).
 */
public final class MongoStandIn implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Thread shutdownHook;

    private MongoStandIn(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
        this.shutdownHook = new Thread(server::shutdownNow, "mongo-stand-in-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an in-memory stand-in on a free loopback port. */
    public static MongoStandIn startInMemory() {
        return startInMemory(FreePorts.find());
    }

    /** Starts an in-memory stand-in on the given loopback port. */
    public static MongoStandIn startInMemory(int port) {
        MongoServer server = new MongoServer(new IdIndexedMemoryBackend());
        return new MongoStandIn(server, bind(server, port));
    }

    /** Starts a stand-in that keeps its data in an H2 file, so it survives a restart. */
    public static MongoStandIn startPersistent(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MongoServer server = new MongoServer(new H2Backend(file.toAbsolutePath().toString()));
        return new MongoStandIn(server, bind(server, port));
    }

    private static InetSocketAddress bind(MongoServer server, int port) {
        server.bind("127.0.0.1", port);
        return server.getLocalAddress();
    }

    /** A connection string for the MongoDB driver. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** The port it listens on. */
    public int port() {
        return address.getPort();
    }

    /** Stops the server and closes its clients' connections. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    /**
     * Runs the stand-in as its own process until it is killed: {@code --port N} and optionally
     * {@code --data FILE} (H2, persistent; otherwise in memory). Prints {@code READY <connection string>}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = FreePorts.find();
        Path data = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--data")) {
                data = Path.of(args[i + 1]);
            }
        }
        MongoStandIn standIn = data == null ? startInMemory(port) : startPersistent(data, port);
        System.out.println("READY " + standIn.connectionString());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
