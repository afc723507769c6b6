package io.readmodel.bridge.store;

import com.mongodb.client.MongoCollection;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;

/**
 * Encodes the documents the bridge writes to BSON itself, before they reach the driver, which then only copies the
 * bytes. The driver's own {@code DocumentCodec} looks a codec up in its registry for every value, through a child
 * registry that checks for cycles at every nested document: a quarter of the bridge's CPU while it applied a
 * backlog (BENCHMARKS.md section 1). The values a projection produces (text, numbers, booleans, dates, decimals,
 * bytes, nested maps and lists) are written directly; anything else goes through the registry as before, so the
 * stored BSON is the same.
 */
final class RawDocuments {

    private static final EncoderContext CONTEXT = EncoderContext.builder().build();

    private RawDocuments() {
    }

    /** The document as BSON for writing to this collection (values no case here covers go through its codecs). */
    static RawBsonDocument encode(Map<String, ?> document, MongoCollection<?> target) {
        return encode(document, target.getCodecRegistry());
    }

    /** The document as BSON, {@code _id} first when it has one (as the driver writes a document it inserts). */
    static RawBsonDocument encode(Map<String, ?> document, CodecRegistry registry) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(512);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            if (document.containsKey("_id")) {
                writer.writeName("_id");
                writeValue(writer, document.get("_id"), registry);
            }
            document.forEach((name, value) -> {
                if (!name.equals("_id")) {
                    writer.writeName(name);
                    writeValue(writer, value, registry);
                }
            });
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    private static void writeValue(BsonWriter writer, Object value, CodecRegistry registry) {
        if (value == null) {
            writer.writeNull();
        } else if (value instanceof String text) {
            writer.writeString(text);
        } else if (value instanceof Long number) {
            writer.writeInt64(number);
        } else if (value instanceof Integer number) {
            writer.writeInt32(number);
        } else if (value instanceof Double number) {
            writer.writeDouble(number);
        } else if (value instanceof Boolean flag) {
            writer.writeBoolean(flag);
        } else if (value instanceof Date date) {
            writer.writeDateTime(date.getTime());
        } else if (value instanceof BigDecimal decimal) {
            writer.writeDecimal128(new Decimal128(decimal));
        } else if (value instanceof byte[] bytes) {
            writer.writeBinaryData(new BsonBinary(bytes));
        } else if (value instanceof Map<?, ?> map) {
            writer.writeStartDocument();
            map.forEach((name, element) -> {
                writer.writeName((String) name);
                writeValue(writer, element, registry);
            });
            writer.writeEndDocument();
        } else if (value instanceof Iterable<?> elements) {
            writer.writeStartArray();
            for (Object element : elements) {
                writeValue(writer, element, registry);
            }
            writer.writeEndArray();
        } else {
            writeWithRegistry(writer, value, registry);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void writeWithRegistry(BsonWriter writer, T value, CodecRegistry registry) {
        Codec<T> codec = (Codec<T>) registry.get(value.getClass());
        CONTEXT.encodeWithChildContext(codec, writer, value);
    }
}
