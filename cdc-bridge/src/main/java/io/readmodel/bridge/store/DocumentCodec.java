package io.readmodel.bridge.store;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.document.Accumulator;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.document.RenderedDocument;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The stored form of documents and row versions. A document holds its client view at the top level and the
 * bridge's own state under {@code _meta}: {@code live}, {@code position}, {@code rev} (conditional writes),
 * {@code sourceCommitTime}, {@code refs} (row keys, for fan-out), {@code c} (the versioned components),
 * {@code agg} (the aggregates' running state over detached components, which live in {@link DetachedRows}) and
 * {@code pd} (pending: the detached components the last write folded in, an object keyed by row key, kept until
 * they are stored in {@link DetachedRows}; see {@link MongoReadModel#write}).
 */
final class DocumentCodec {

    static final String META = "_meta";
    static final String REVISION = "rev";
    static final String REFS = "refs";
    static final String LIVE = "live";
    static final String PENDING = "pd";

    private static final String POSITION = "position";
    private static final String COMMIT_TIME = "sourceCommitTime";
    private static final String COMPONENTS = "c";
    private static final String AGGREGATES = "agg";

    private DocumentCodec() {
    }

    /** A document as first stored. */
    static Document encode(DocumentState state, RenderedDocument rendered) {
        Document document = new Document("_id", state.id());
        document.putAll(replacement(state, rendered));
        return document;
    }

    /**
     * What replaces a stored document (conditional on its revision): the whole stored form but its {@code _id}, which
     * MongoDB keeps (and which a store may have narrowed to another numeric type). Its pending components are the
     * ones this write folded in; the ones pending before are stored by then ({@link MongoReadModel#write}). A
     * replacement rather than field-by-field {@code $set}s: every field was set anyway, fields the view no longer shows
     * go without a list of them, and the stand-in applies a replacement without parsing one path per field.
     */
    static Document replacement(DocumentState state, RenderedDocument rendered) {
        Document pending = new Document();
        state.touchedDetached().forEach((row, version) -> pending.append(fieldName(row), encodeVersion(row.toString(), version)));
        Document document = new Document(rendered.view());
        document.append(META, meta(state, rendered).append(PENDING, pending));
        return document;
    }

    /** A new document whose detached components are stored already: nothing pending. */
    static Document encodeStored(DocumentState state, RenderedDocument rendered) {
        Document document = new Document("_id", state.id());
        document.putAll(rendered.view());
        document.append(META, meta(state, rendered).append(PENDING, new Document()));
        return document;
    }

    /** Clears a document's pending components once they are stored (conditional on the revision that set them). */
    static Bson clearPending() {
        return new Document("$unset", new Document(META + "." + PENDING, ""));
    }

    private static Document meta(DocumentState state, RenderedDocument rendered) {
        List<Document> components = new ArrayList<>();
        state.components().forEach((row, version) -> components.add(encodeVersion(row.toString(), version)));
        Document aggregates = new Document();
        state.aggregates().forEach((field, accumulator) -> aggregates.append(field, new Document("n", accumulator.count())
                .append("v", accumulator.value()).append("o", accumulator.order()).append("k", accumulator.key())));
        return new Document(LIVE, rendered.live())
                .append(POSITION, rendered.position().toString())
                .append(REVISION, state.revision() + 1)
                .append(COMMIT_TIME, date(rendered.sourceCommitTime()))
                .append(REFS, rendered.references().stream().map(RowKey::toString).toList())
                .append(COMPONENTS, components)
                .append(AGGREGATES, aggregates);
    }

    /** What a load reads of stored documents: the state under {@code _meta}, not the view. */
    static Document loadProjection() {
        Document fields = new Document("_id", 1);
        for (String field : List.of(LIVE, POSITION, REVISION, COMMIT_TIME, COMPONENTS, AGGREGATES, PENDING)) {
            fields.append(META + "." + field, 1);
        }
        return fields;
    }

    /**
     * A stored document's state.
     *
     * @param detached the detached components loaded for it (pending ones included)
     */
    static DocumentState decode(Document stored, Map<RowKey, RowVersion> detached) {
        Document meta = stored.get(META, Document.class);
        Map<RowKey, RowVersion> components = new LinkedHashMap<>();
        for (Document component : meta.getList(COMPONENTS, Document.class)) {
            components.put(RowKey.parse(component.getString("_id")), decodeVersion(component));
        }
        Map<String, Accumulator> aggregates = new LinkedHashMap<>();
        Document storedAggregates = meta.get(AGGREGATES, Document.class);
        if (storedAggregates != null) {
            storedAggregates.forEach((field, value) -> {
                Map<String, Object> accumulator = StoredValues.canonicalMap((Document) value);
                aggregates.put(field, new Accumulator(((Number) accumulator.get("n")).longValue(), accumulator.get("v"),
                        accumulator.get("o"), accumulator.get("k")));
            });
        }
        String position = meta.getString(POSITION);
        Date commitTime = meta.getDate(COMMIT_TIME);
        DocumentState.Stored state = new DocumentState.Stored(detached, aggregates,
                position == null ? Position.ZERO : Position.parse(position), commitTime == null ? null : commitTime.toInstant());
        return new DocumentState(stored.get("_id"), components, state, ((Number) meta.get(REVISION)).longValue());
    }

    /** The pending detached components of a stored document (or of a projection of it that kept them). */
    static Map<RowKey, RowVersion> pending(Document stored) {
        Map<RowKey, RowVersion> pending = new LinkedHashMap<>();
        Document meta = stored.get(META, Document.class);
        Document components = meta == null ? null : meta.get(PENDING, Document.class);
        if (components != null) {
            components.values().forEach(component -> {
                Document version = (Document) component;
                pending.put(RowKey.parse(version.getString("_id")), decodeVersion(version));
            });
        }
        return pending;
    }

    static Document encodeVersion(String id, RowVersion version) {
        return new Document("_id", id)
                .append("p", version.position().toString())
                .append("t", date(version.commitTime()))
                .append("v", version.values() == null ? null : new Document(version.values()));
    }

    static RowVersion decodeVersion(Document stored) {
        Document values = stored.get("v", Document.class);
        Date time = stored.getDate("t");
        return new RowVersion(Position.parse(stored.getString("p")), values == null ? null : StoredValues.canonicalMap(values),
                time == null ? null : time.toInstant());
    }

    /** A row key as a field name: MongoDB field names cannot hold {@code .} or start with {@code $}. */
    private static String fieldName(RowKey row) {
        return row.toString().replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
