package io.readmodel.infra;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * mongo-java-server's in-memory backend with two changes. One brings it closer to MongoDB: a query that pins
 * {@code _id} (equality or {@code $in}) together with other conditions, such as a write conditional on a revision
 * ({@code {_id: 7, "_meta.rev": 3}}) or a read of a live document, is answered through the {@code _id} index and
 * the other conditions are checked on the documents found. The stock backend uses an index only when the query
 * names exactly its keys, so such queries scanned the whole collection (milliseconds per write at 20,000
 * documents, a limit no real MongoDB has). The other drops its data-size bookkeeping ({@code collStats} sizes),
 * which cost more than the writes themselves.
 */
final class IdIndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {
        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class Collection extends MemoryCollection {
        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        /**
         * No data-size bookkeeping: the stock collection re-encodes every document it inserts, updates or removes to
         * BSON only to count its bytes for {@code collStats} (39 % of the stand-in's CPU while a bulk load inserted,
         * BENCHMARKS.md section 4). Nothing in the pipeline reads {@code collStats}.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            Document byId = idCondition(query);
            if (byId != null) {
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** {@code {_id: <condition>}} when the query pins {@code _id} at its top level or in a top-level {@code $and}. */
        private static Document idCondition(Document query) {
            if (query.containsKey("_id")) {
                return new Document("_id", query.get("_id"));
            }
            if (query.get("$and") instanceof List<?> conditions) {
                for (Object condition : conditions) {
                    if (condition instanceof Document document && document.containsKey("_id")) {
                        return new Document("_id", document.get("_id"));
                    }
                }
            }
            return null;
        }
    }
}
