package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.position.ConsistencyToken;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A legacy database the pipeline never saw: the Chinook sample (PostgreSQL edition) is loaded before the bridge first
 * starts, and three read models are declared over it in {@code examples/chinook/projections.yaml} only (no Java for
 * Chinook). The bridge snapshots the existing rows (checked by reconciliation), then follows changes made with plain
 * SQL the way the legacy application would; every step is read back through read-api with a consistency token, and
 * each touched document is compared with what PostgreSQL says it should be. Drift is zero at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChinookLegacyIT {

    private static final Path SCRIPT = Pipeline.ROOT.resolve("../shared/data/chinook/Chinook_PostgreSql.sql").normalize();
    private static final Path DEFINITIONS = Pipeline.ROOT.resolve("examples/chinook/projections.yaml");
    private static final List<String> PROJECTIONS = List.of("invoices", "chinook_customers", "artists");
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration QUIESCE_TIMEOUT = Duration.ofMinutes(2);
    /** A token read waits at most read-api's bound (5 s) and then answers 504; a big fan-out may take longer. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    // ids picked from the Chinook data
    private static final int AC_DC = 1;
    private static final int AEROSMITH = 3;
    private static final int FOR_THOSE_ABOUT_TO_ROCK = 1; // album of AC/DC
    private static final int BIG_ONES = 5; // album of Aerosmith
    private static final int SNOWBALLED = 9; // track on album 1, sold on invoices 108 and 319
    private static final int INVOICE_2 = 2; // customer 4, lines 3, 4, 5, 6 (0.99 each), total 3.96
    private static final int LINE_4 = 4;
    private static final int CUSTOMER_1 = 1; // Luís Gonçalves, support rep 3 (Jane Peacock), 7 invoices
    private static final int JANE_PEACOCK = 3;
    private static final int MARGARET_PARK = 4;
    private static final int ROCK = 1;
    private static final int JAZZ = 2;

    private static Pipeline pipeline;
    /** Token reads that read-api answered 504 (its bound passed) and were retried. */
    private static int retriedTimeouts;

    @BeforeAll
    static void startPipeline() throws Exception {
        assertThat(Files.isRegularFile(SCRIPT))
                .as("the Chinook script is missing at %s (in CI, ../shared sits beside the repository clone;"
                        + " set -De2e.repository.root to the clone)", SCRIPT)
                .isTrue();
        assertThat(Files.isRegularFile(DEFINITIONS)).as("definitions missing at %s", DEFINITIONS).isTrue();
        pipeline = Pipeline.named("chinook-legacy")
                .database("chinook")
                .withoutWriteApi()
                .sqlBeforeBridge(loadableScript(Files.readString(SCRIPT)))
                .bridge("bridge.projections.file", DEFINITIONS.toAbsolutePath().toString())
                .start();
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** The script creates and enters its own database; the harness already made {@code chinook} and connects to it. */
    private static String loadableScript(String script) {
        return script.lines()
                .filter(line -> {
                    String trimmed = line.trim().toUpperCase();
                    return !trimmed.startsWith("DROP DATABASE") && !trimmed.startsWith("CREATE DATABASE")
                            && !trimmed.startsWith("\\C");
                })
                .collect(Collectors.joining("\n"));
    }

    @Test
    @Order(1)
    void theSnapshotOfTheLegacyDataReconcilesWithZeroDrift() throws Exception {
        Instant bridgeStarted = pipeline.bridge.startedAt();
        Map<String, Integer> expectedCounts = Map.of("invoices", count("invoice"), "chinook_customers", count("customer"),
                "artists", count("artist"));
        assertThat(expectedCounts).isEqualTo(Map.of("invoices", 412, "chinook_customers", 59, "artists", 275));
        for (String projection : PROJECTIONS) {
            JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, SNAPSHOT_TIMEOUT);
            assertThat(report.get("drift").asInt()).as("%s after the snapshot: %s", projection, report).isZero();
            assertThat(report.get("expected").asInt()).as(projection).isEqualTo(expectedCounts.get(projection));
            assertThat(report.get("actual").asInt()).as(projection).isEqualTo(expectedCounts.get(projection));
        }
        Duration snapshot = Duration.between(bridgeStarted, Instant.now());
        System.out.printf("Chinook snapshot: bridge start to zero drift on %s (%s documents) in %.1f s%n", PROJECTIONS,
                expectedCounts, snapshot.toMillis() / 1000.0);

        String token = pipeline.token();
        JsonNode invoice = read("invoices", 1, token);
        assertInvoiceMatchesSource(invoice, 1);
        assertThat(invoice.get("customer").get("lastName").asText()).isEqualTo("Köhler");
        assertThat(invoice.get("customer").get("supportRep").get("lastName").asText()).isEqualTo("Johnson");
        assertThat(invoice.get("lines")).hasSize(2);
        JsonNode firstLine = invoice.get("lines").get(0);
        assertThat(firstLine.get("track").get("name").asText()).isEqualTo("Balls to the Wall");
        assertThat(firstLine.get("track").get("album").get("title").asText()).isEqualTo("Balls to the Wall");
        assertThat(firstLine.get("track").get("album").get("artist").get("name").asText()).isEqualTo("Accept");
        assertThat(firstLine.get("track").get("genre").get("name").asText()).isEqualTo("Rock");
        assertThat(decimal(firstLine.get("unitPrice"))).isEqualByComparingTo("0.99");
        assertThat(decimal(invoice.get("total"))).isEqualByComparingTo("1.98");

        JsonNode customer = read("chinook_customers", CUSTOMER_1, token);
        assertCustomerMatchesSource(customer, CUSTOMER_1);
        assertThat(customer.get("invoiceCount").asInt()).isEqualTo(7);
        assertThat(decimal(customer.get("totalSpent"))).isEqualByComparingTo("39.62");
        assertThat(customer.get("lastInvoiceAt").asText()).startsWith("2025-08-07");

        JsonNode artist = read("artists", AC_DC, token);
        assertArtistMatchesSource(artist, AC_DC);
        assertThat(artist.get("name").asText()).isEqualTo("AC/DC");
        assertThat(artist.get("albums")).hasSize(2);
        assertThat(artist.get("albums").get(0).get("title").asText()).isEqualTo("For Those About To Rock We Salute You");
        assertThat(trackIds(album(artist, FOR_THOSE_ABOUT_TO_ROCK))).containsExactly(1, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    @Order(2)
    void renamingAnArtistChangesItsDocumentAndEveryInvoiceLineOfItsTracks() throws Exception {
        List<Integer> invoices = ints("SELECT DISTINCT il.invoice_id FROM invoice_line il JOIN track t ON t.track_id = il.track_id"
                + " JOIN album al ON al.album_id = t.album_id WHERE al.artist_id = " + AC_DC + " ORDER BY 1");
        assertThat(invoices).hasSizeGreaterThan(5);

        pipeline.execute("UPDATE artist SET name = 'AC/DC (Legacy Edition)' WHERE artist_id = " + AC_DC);
        String token = pipeline.token();

        JsonNode artist = read("artists", AC_DC, token);
        assertThat(artist.get("name").asText()).isEqualTo("AC/DC (Legacy Edition)");
        assertArtistMatchesSource(artist, AC_DC);
        int linesSeen = 0;
        for (int id : invoices) {
            JsonNode invoice = read("invoices", id, token);
            assertInvoiceMatchesSource(invoice, id);
            for (JsonNode line : invoice.get("lines")) {
                JsonNode lineArtist = line.get("track").get("album").get("artist");
                if (lineArtist.get("id").asInt() == AC_DC) {
                    assertThat(lineArtist.get("name").asText()).as("invoice %d line %s", id, line.get("id"))
                            .isEqualTo("AC/DC (Legacy Edition)");
                    linesSeen++;
                }
            }
        }
        assertThat(linesSeen).isGreaterThanOrEqualTo(invoices.size());
    }

    @Test
    @Order(3)
    void movingATrackToAnotherArtistsAlbumMovesItInTheCatalogAndInItsInvoices() throws Exception {
        List<Integer> invoices = ints("SELECT DISTINCT invoice_id FROM invoice_line WHERE track_id = " + SNOWBALLED + " ORDER BY 1");
        assertThat(invoices).containsExactly(108, 319);

        pipeline.execute("UPDATE track SET album_id = " + BIG_ONES + " WHERE track_id = " + SNOWBALLED);
        String token = pipeline.token();

        JsonNode acDc = read("artists", AC_DC, token);
        assertThat(trackIds(album(acDc, FOR_THOSE_ABOUT_TO_ROCK))).doesNotContain(SNOWBALLED).contains(8, 10);
        assertArtistMatchesSource(acDc, AC_DC);
        JsonNode aerosmith = read("artists", AEROSMITH, token);
        assertThat(trackIds(album(aerosmith, BIG_ONES))).contains(SNOWBALLED);
        assertArtistMatchesSource(aerosmith, AEROSMITH);
        for (int id : invoices) {
            JsonNode invoice = read("invoices", id, token);
            assertInvoiceMatchesSource(invoice, id);
            JsonNode track = lineWithTrack(invoice, SNOWBALLED).get("track");
            assertThat(track.get("album").get("id").asInt()).isEqualTo(BIG_ONES);
            assertThat(track.get("album").get("title").asText()).isEqualTo("Big Ones");
            assertThat(track.get("album").get("artist").get("id").asInt()).isEqualTo(AEROSMITH);
            assertThat(track.get("album").get("artist").get("name").asText()).isEqualTo("Aerosmith");
        }
    }

    @Test
    @Order(4)
    void deletingAnInvoiceLineRemovesItFromItsInvoiceAndTheCustomersFigures() throws Exception {
        int customer = ints("SELECT customer_id FROM invoice WHERE invoice_id = " + INVOICE_2).get(0);
        BigDecimal spentBefore = decimal(read("chinook_customers", customer, pipeline.token()).get("totalSpent"));

        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DELETE FROM invoice_line WHERE invoice_line_id = " + LINE_4);
            statement.execute("UPDATE invoice SET total = total - 0.99 WHERE invoice_id = " + INVOICE_2);
            connection.commit();
        }
        String token = pipeline.token();

        JsonNode invoice = read("invoices", INVOICE_2, token);
        assertThat(ids(invoice.get("lines"))).containsExactly(3, 5, 6);
        assertThat(decimal(invoice.get("total"))).isEqualByComparingTo("2.97");
        assertInvoiceMatchesSource(invoice, INVOICE_2);
        JsonNode figures = read("chinook_customers", customer, token);
        assertThat(decimal(figures.get("totalSpent"))).isEqualByComparingTo(spentBefore.subtract(new BigDecimal("0.99")));
        assertCustomerMatchesSource(figures, customer);
    }

    @Test
    @Order(5)
    void reassigningACustomersSupportRepChangesAllTheirInvoices() throws Exception {
        List<Integer> invoices = ints("SELECT invoice_id FROM invoice WHERE customer_id = " + CUSTOMER_1 + " ORDER BY 1");
        assertThat(invoices).hasSize(7);
        List<Integer> otherInvoicesOfJane = ints("SELECT i.invoice_id FROM invoice i JOIN customer c ON c.customer_id = i.customer_id"
                + " WHERE c.support_rep_id = " + JANE_PEACOCK + " AND c.customer_id <> " + CUSTOMER_1 + " ORDER BY 1 LIMIT 3");

        pipeline.execute("UPDATE customer SET support_rep_id = " + MARGARET_PARK + " WHERE customer_id = " + CUSTOMER_1);
        String token = pipeline.token();

        for (int id : invoices) {
            JsonNode invoice = read("invoices", id, token);
            JsonNode rep = invoice.get("customer").get("supportRep");
            assertThat(rep.get("id").asInt()).as("invoice %d", id).isEqualTo(MARGARET_PARK);
            assertThat(rep.get("firstName").asText() + " " + rep.get("lastName").asText()).as("invoice %d", id)
                    .isEqualTo("Margaret Park");
            assertInvoiceMatchesSource(invoice, id);
        }
        for (int id : otherInvoicesOfJane) {
            JsonNode rep = read("invoices", id, token).get("customer").get("supportRep");
            assertThat(rep.get("id").asInt()).as("invoice %d", id).isEqualTo(JANE_PEACOCK);
            assertThat(rep.get("lastName").asText()).isEqualTo("Peacock");
        }
    }

    @Test
    @Order(6)
    void bulkPriceChangesInOneTransactionReachEveryTrack() throws Exception {
        int rockTracks = ints("SELECT count(*) FROM track WHERE genre_id = " + ROCK).get(0);
        int jazzTracks = ints("SELECT count(*) FROM track WHERE genre_id = " + JAZZ).get(0);
        assertThat(rockTracks).isGreaterThan(1000);
        assertThat(jazzTracks).isGreaterThan(100);
        List<Integer> jazzArtists = ints("SELECT DISTINCT al.artist_id FROM track t JOIN album al ON al.album_id = t.album_id"
                + " WHERE t.genre_id = " + JAZZ + " ORDER BY 1 LIMIT 3");

        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("UPDATE track SET unit_price = unit_price + 0.30 WHERE genre_id = " + ROCK);
            statement.execute("UPDATE track SET unit_price = unit_price - 0.10 WHERE genre_id = " + JAZZ);
            connection.commit();
        }
        String token = pipeline.token();
        Instant changed = Instant.now();

        JsonNode acDc = read("artists", AC_DC, token);
        System.out.printf("Chinook bulk price change (%d Rock and %d Jazz tracks in one transaction) readable after %.1f s%n",
                rockTracks, jazzTracks, Duration.between(changed, Instant.now()).toMillis() / 1000.0);
        for (JsonNode album : acDc.get("albums")) {
            for (JsonNode track : album.get("tracks")) {
                assertThat(decimal(track.get("unitPrice"))).as("AC/DC track %s", track.get("id")).isEqualByComparingTo("1.29");
            }
        }
        assertArtistMatchesSource(acDc, AC_DC);
        assertArtistMatchesSource(read("artists", AEROSMITH, token), AEROSMITH);
        for (int artist : jazzArtists) {
            assertArtistMatchesSource(read("artists", artist, token), artist);
        }
        // invoice lines keep the price they were sold at
        JsonNode invoice = read("invoices", 1, token);
        assertThat(decimal(invoice.get("lines").get(0).get("unitPrice"))).isEqualByComparingTo("0.99");
        assertInvoiceMatchesSource(invoice, 1);
    }

    @Test
    @Order(7)
    void afterAllTheLegacyChangesDriftIsZero() throws Exception {
        Map<String, Integer> expectedCounts = Map.of("invoices", count("invoice"), "chinook_customers", count("customer"),
                "artists", count("artist"));
        for (String projection : PROJECTIONS) {
            JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, QUIESCE_TIMEOUT);
            assertThat(report.get("drift").asInt()).as("%s at the end: %s", projection, report).isZero();
            assertThat(report.get("actual").asInt()).as(projection).isEqualTo(expectedCounts.get(projection));
        }
        System.out.printf("Chinook: %d token reads answered 504 and were retried%n", retriedTimeouts);
    }

    // --- reading documents ---------------------------------------------------------------------------------------

    /** A live document through read-api, waiting for the token; a 504 (read-api's bound) is retried with the same token. */
    private static JsonNode read(String projection, int id, String token) {
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (true) {
            Http.Response response = Http.get(pipeline.readApi.url("/views/" + projection + "/" + id),
                    Map.of(ConsistencyToken.REQUEST_HEADER, token));
            if (response.status() == 200) {
                return response.json();
            }
            if (response.status() != 504 || Instant.now().isAfter(deadline)) {
                throw new AssertionError("GET /views/" + projection + "/" + id + " with token " + token + " answered "
                        + response.status() + ": " + response.raw().body());
            }
            retriedTimeouts++;
            System.out.printf("GET /views/%s/%d: 504 for token %s (applied %s), retrying%n", projection, id, token,
                    response.header("X-Applied-Position"));
        }
    }

    private static JsonNode album(JsonNode artist, int albumId) {
        for (JsonNode album : artist.get("albums")) {
            if (album.get("id").asInt() == albumId) {
                return album;
            }
        }
        throw new AssertionError("no album " + albumId + " in " + artist);
    }

    private static JsonNode lineWithTrack(JsonNode invoice, int trackId) {
        for (JsonNode line : invoice.get("lines")) {
            if (line.get("track").get("id").asInt() == trackId) {
                return line;
            }
        }
        throw new AssertionError("no line with track " + trackId + " in " + invoice);
    }

    private static List<Integer> trackIds(JsonNode album) {
        return ids(album.get("tracks"));
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.get("id").asInt()));
        return ids;
    }

    private static BigDecimal decimal(JsonNode node) {
        assertThat(node).as("a number").isNotNull();
        assertThat(node.isNumber()).as("%s is a JSON number", node).isTrue();
        return node.decimalValue();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    // --- what PostgreSQL says the documents hold -----------------------------------------------------------------

    private static void assertInvoiceMatchesSource(JsonNode invoice, int invoiceId) throws SQLException {
        try (Connection connection = pipeline.sql()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT i.total, c.customer_id, c.first_name, c.last_name,"
                    + " e.employee_id, e.first_name, e.last_name FROM invoice i JOIN customer c ON c.customer_id = i.customer_id"
                    + " LEFT JOIN employee e ON e.employee_id = c.support_rep_id WHERE i.invoice_id = ?")) {
                query.setInt(1, invoiceId);
                ResultSet row = query.executeQuery();
                assertThat(row.next()).as("invoice %d exists", invoiceId).isTrue();
                String where = "invoice " + invoiceId;
                assertThat(invoice.get("id").asInt()).isEqualTo(invoiceId);
                assertThat(decimal(invoice.get("total"))).as(where).isEqualByComparingTo(row.getBigDecimal(1));
                JsonNode customer = invoice.get("customer");
                assertThat(customer.get("id").asInt()).as(where).isEqualTo(row.getInt(2));
                assertThat(text(customer.get("firstName"))).as(where).isEqualTo(row.getString(3));
                assertThat(text(customer.get("lastName"))).as(where).isEqualTo(row.getString(4));
                JsonNode rep = customer.get("supportRep");
                assertThat(rep.get("id").asInt()).as(where).isEqualTo(row.getInt(5));
                assertThat(text(rep.get("firstName"))).as(where).isEqualTo(row.getString(6));
                assertThat(text(rep.get("lastName"))).as(where).isEqualTo(row.getString(7));
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT il.invoice_line_id, il.unit_price, il.quantity,"
                    + " t.track_id, t.name, al.album_id, al.title, ar.artist_id, ar.name, g.genre_id, g.name"
                    + " FROM invoice_line il JOIN track t ON t.track_id = il.track_id"
                    + " LEFT JOIN album al ON al.album_id = t.album_id LEFT JOIN artist ar ON ar.artist_id = al.artist_id"
                    + " LEFT JOIN genre g ON g.genre_id = t.genre_id WHERE il.invoice_id = ? ORDER BY il.invoice_line_id")) {
                query.setInt(1, invoiceId);
                ResultSet row = query.executeQuery();
                JsonNode lines = invoice.get("lines");
                int index = 0;
                while (row.next()) {
                    assertThat(lines.size()).as("lines of invoice %d: %s", invoiceId, lines).isGreaterThan(index);
                    JsonNode line = lines.get(index++);
                    String where = "invoice " + invoiceId + " line " + line;
                    assertThat(line.get("id").asInt()).as(where).isEqualTo(row.getInt(1));
                    assertThat(decimal(line.get("unitPrice"))).as(where).isEqualByComparingTo(row.getBigDecimal(2));
                    assertThat(line.get("quantity").asInt()).as(where).isEqualTo(row.getInt(3));
                    JsonNode track = line.get("track");
                    assertThat(track.get("id").asInt()).as(where).isEqualTo(row.getInt(4));
                    assertThat(text(track.get("name"))).as(where).isEqualTo(row.getString(5));
                    assertThat(track.get("album").get("id").asInt()).as(where).isEqualTo(row.getInt(6));
                    assertThat(text(track.get("album").get("title"))).as(where).isEqualTo(row.getString(7));
                    assertThat(track.get("album").get("artist").get("id").asInt()).as(where).isEqualTo(row.getInt(8));
                    assertThat(text(track.get("album").get("artist").get("name"))).as(where).isEqualTo(row.getString(9));
                    assertThat(track.get("genre").get("id").asInt()).as(where).isEqualTo(row.getInt(10));
                    assertThat(text(track.get("genre").get("name"))).as(where).isEqualTo(row.getString(11));
                }
                assertThat(lines).as("lines of invoice %d", invoiceId).hasSize(index);
            }
        }
    }

    private static void assertCustomerMatchesSource(JsonNode customer, int customerId) throws SQLException {
        try (Connection connection = pipeline.sql(); PreparedStatement query = connection.prepareStatement(
                "SELECT c.first_name, c.last_name, c.country, c.email, count(i.invoice_id), coalesce(sum(i.total), 0),"
                        + " max(i.invoice_date) FROM customer c LEFT JOIN invoice i ON i.customer_id = c.customer_id"
                        + " WHERE c.customer_id = ? GROUP BY c.customer_id")) {
            query.setInt(1, customerId);
            ResultSet row = query.executeQuery();
            assertThat(row.next()).isTrue();
            String where = "customer " + customerId + ": " + customer;
            assertThat(customer.get("id").asInt()).as(where).isEqualTo(customerId);
            assertThat(text(customer.get("firstName"))).as(where).isEqualTo(row.getString(1));
            assertThat(text(customer.get("lastName"))).as(where).isEqualTo(row.getString(2));
            assertThat(text(customer.get("country"))).as(where).isEqualTo(row.getString(3));
            assertThat(text(customer.get("email"))).as(where).isEqualTo(row.getString(4));
            assertThat(customer.get("invoiceCount").asInt()).as(where).isEqualTo(row.getInt(5));
            assertThat(decimal(customer.get("totalSpent"))).as(where).isEqualByComparingTo(row.getBigDecimal(6));
            Timestamp last = row.getTimestamp(7);
            assertThat(text(customer.get("lastInvoiceAt"))).as(where).startsWith(last.toLocalDateTime().toLocalDate().toString());
        }
    }

    private static void assertArtistMatchesSource(JsonNode artist, int artistId) throws SQLException {
        try (Connection connection = pipeline.sql()) {
            String where = "artist " + artistId;
            try (PreparedStatement query = connection.prepareStatement("SELECT name FROM artist WHERE artist_id = ?")) {
                query.setInt(1, artistId);
                ResultSet row = query.executeQuery();
                assertThat(row.next()).isTrue();
                assertThat(artist.get("id").asInt()).isEqualTo(artistId);
                assertThat(text(artist.get("name"))).as(where).isEqualTo(row.getString(1));
            }
            List<Integer> albumIds = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT album_id, title FROM album WHERE artist_id = ? ORDER BY album_id")) {
                query.setInt(1, artistId);
                ResultSet row = query.executeQuery();
                while (row.next()) {
                    albumIds.add(row.getInt(1));
                    JsonNode album = album(artist, row.getInt(1));
                    assertThat(text(album.get("title"))).as(where).isEqualTo(row.getString(2));
                }
            }
            assertThat(ids(artist.get("albums"))).as(where).containsExactlyElementsOf(albumIds);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT track_id, name, milliseconds, unit_price FROM track WHERE album_id = ? ORDER BY track_id")) {
                for (int albumId : albumIds) {
                    query.setInt(1, albumId);
                    ResultSet row = query.executeQuery();
                    JsonNode tracks = album(artist, albumId).get("tracks");
                    int index = 0;
                    while (row.next()) {
                        assertThat(tracks.size()).as("%s album %d tracks: %s", where, albumId, tracks).isGreaterThan(index);
                        JsonNode track = tracks.get(index++);
                        String at = where + " album " + albumId + " track " + track;
                        assertThat(track.get("id").asInt()).as(at).isEqualTo(row.getInt(1));
                        assertThat(text(track.get("name"))).as(at).isEqualTo(row.getString(2));
                        assertThat(track.get("milliseconds").asInt()).as(at).isEqualTo(row.getInt(3));
                        assertThat(decimal(track.get("unitPrice"))).as(at).isEqualByComparingTo(row.getBigDecimal(4));
                    }
                    assertThat(tracks).as("%s album %d tracks", where, albumId).hasSize(index);
                }
            }
        }
    }

    private static int count(String table) throws SQLException {
        return ints("SELECT count(*) FROM " + table).get(0);
    }

    private static List<Integer> ints(String sql) throws SQLException {
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<Integer> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
            return values;
        }
    }
}
