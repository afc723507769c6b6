package io.readmodel.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class RawDocumentsTest {

    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();

    /** What the driver itself would send for the document. */
    private static byte[] driverBytes(Document document) {
        return bytes(new RawBsonDocument(document, new DocumentCodec(REGISTRY)));
    }

    private static byte[] bytes(RawBsonDocument document) {
        return Arrays.copyOf(document.getByteBuffer().array(), document.getByteBuffer().remaining());
    }

    @Test
    void writesTheSameBytesAsTheDriverForEveryKindOfValueAProjectionProduces() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("qty", 3);
        nested.put("price", new BigDecimal("19.990"));
        nested.put("gone", null);
        Document document = new Document("_id", 42L)
                .append("text", "Caf\u00e9 \u00fc")
                .append("int", 7)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("flag", true)
                .append("date", new Date(1_700_000_000_123L))
                .append("decimal", new BigDecimal("-12345678901234567890.123456"))
                .append("bytes", new byte[] {1, 2, 3})
                .append("map", nested)
                .append("list", List.of(1, "two", List.of(3.0), new Document("four", 4)))
                .append("empty", new Document())
                .append("null", null)
                // not written directly: through the registry, as the driver does
                .append("short", (short) 5)
                .append("float", 1.5f)
                .append("instant", Instant.parse("2026-12-07T10:15:30.123Z"))
                .append("objectId", new ObjectId("64b7f0c2a1b2c3d4e5f60718"))
                .append("localDate", LocalDate.parse("2026-12-07"));

        RawBsonDocument encoded = RawDocuments.encode(document, REGISTRY);

        assertThat(bytes(encoded)).isEqualTo(driverBytes(document));
        assertThat(encoded.getInt64("_id").getValue()).isEqualTo(42L);
        assertThat(encoded.getDocument("map").getDecimal128("price").getValue().bigDecimalValue()).isEqualByComparingTo("19.990");
    }

    @Test
    void putsTheIdFirstAsTheDriverDoesForADocumentItInserts() {
        Document document = new Document("view", "x").append("_id", "order-1");

        RawBsonDocument encoded = RawDocuments.encode(document, REGISTRY);

        assertThat(encoded.getFirstKey()).isEqualTo("_id");
        assertThat(encoded.getString("view").getValue()).isEqualTo("x");
    }

    @Test
    void aValueNoCodecKnowsFailsAsItWouldInTheDriver() {
        Document document = new Document("_id", 1).append("uuid", UUID.randomUUID());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RawDocuments.encode(document, REGISTRY))
                .isInstanceOf(org.bson.codecs.configuration.CodecConfigurationException.class);
    }
}
