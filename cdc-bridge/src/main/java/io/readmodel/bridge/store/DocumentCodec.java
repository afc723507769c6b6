package io.readmodel.bridge.store;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
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

/**
 * The stored form of documents and row versions. A document holds its client view at the top level and the
 * bridge's own state under {@code _meta}: {@code live}, {@code position}, {@code rev} (conditional writes),
 * {@code sourceCommitTime}, {@code refs} (row keys, for fan-out) and {@code c} (the versioned components).
 */
final class DocumentCodec {

    static final String META = "_meta";
    static final String REVISION = "rev";
    static final String REFS = "refs";
    static final String LIVE = "live";

    private DocumentCodec() {
    }

    static Document encode(DocumentState state, RenderedDocument rendered) {
        List<Document> components = new ArrayList<>();
        state.components().forEach((row, version) -> components.add(encodeVersion(row.toString(), version)));
        Document meta = new Document(LIVE, rendered.live())
                .append("position", rendered.position().toString())
                .append(REVISION, state.revision() + 1)
                .append("sourceCommitTime", date(rendered.sourceCommitTime()))
                .append(REFS, rendered.references().stream().map(RowKey::toString).toList())
                .append("c", components);
        Document document = new Document("_id", state.id());
        document.putAll(rendered.view());
        document.append(META, meta);
        return document;
    }

    static DocumentState decode(Document stored) {
        Document meta = stored.get(META, Document.class);
        Map<RowKey, RowVersion> components = new LinkedHashMap<>();
        for (Document component : meta.getList("c", Document.class)) {
            components.put(RowKey.parse(component.getString("_id")), decodeVersion(component));
        }
        return new DocumentState(stored.get("_id"), components, ((Number) meta.get(REVISION)).longValue());
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


    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
