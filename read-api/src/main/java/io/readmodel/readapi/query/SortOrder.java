package io.readmodel.readapi.query;

import com.mongodb.client.model.Filters;
import io.readmodel.readapi.http.RequestValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The order of a listing: up to {@value #MAX_FIELDS} document fields, then always {@code _id} as the tiebreaker (in
 * the direction of the last field, ascending when there is none), so the order is total and keyset pagination
 * ({@link KeysetCursor}) is stable.
 *
 * <p>Keyset pagination assumes each sort field holds one BSON type (plus null or missing) across documents, as a
 * projection field mapped from one column does: MongoDB's range operators only match values of the operand's type.
 *
 * @param fields the client's sort fields, without the tiebreaker
 */
public record SortOrder(List<SortKey> fields) {

    /** The query parameter sort orders come from. */
    public static final String PARAMETER = "sort";

    /** The most fields a client may sort on. */
    public static final int MAX_FIELDS = 3;

    private static final String KEY = "_id";

    /** A sort order on these fields (trusted: not checked like client input). */
    public static SortOrder of(SortKey... fields) {
        return new SortOrder(List.of(fields));
    }

    /**
     * Reads a {@code sort} parameter: comma-separated fields, each prefixed with {@code -} for descending; absent or
     * empty means by {@code _id} only.
     *
     * @throws io.readmodel.readapi.problem.ProblemException 400 {@code invalid-sort} naming what is wrong
     */
    public static SortOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return new SortOrder(List.of());
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_FIELDS) {
            throw FieldNames.invalid(PARAMETER, "at most " + MAX_FIELDS + " fields, got " + parts.length + ".");
        }
        List<SortKey> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : parts) {
            String trimmed = part.trim();
            boolean descending = trimmed.startsWith("-");
            String field = FieldNames.check(descending || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed,
                    PARAMETER);
            if (!seen.add(field)) {
                throw FieldNames.invalid(PARAMETER, "'" + RequestValues.abbreviate(field) + "' is named twice.");
            }
            fields.add(new SortKey(field, !descending));
        }
        return new SortOrder(List.copyOf(fields));
    }

    /** The fields then the {@code _id} tiebreaker: the whole order. */
    public List<SortKey> keys() {
        List<SortKey> keys = new ArrayList<>(fields);
        keys.add(new SortKey(KEY, fields.isEmpty() || fields.get(fields.size() - 1).ascending()));
        return keys;
    }

    /** The MongoDB sort document. */
    public Bson bson() {
        Document sort = new Document();
        keys().forEach(key -> sort.append(key.field(), key.ascending() ? 1 : -1));
        return sort;
    }

    /** The canonical text form ({@code -placedAt,_id}); a cursor remembers it. */
    public String text() {
        return String.join(",", keys().stream().map(SortKey::text).toList());
    }

    /** The values of the sort keys in a document, in order ({@code null} for a missing field). */
    public List<Object> valuesOf(Document document) {
        List<Object> values = new ArrayList<>();
        for (SortKey key : keys()) {
            values.add(valueAt(document, key.field()));
        }
        return values;
    }

    /**
     * The documents strictly after the one with these sort values: for some key, equal on every key before it and
     * beyond it in its direction. Null sorts first (a missing field counts as null), as MongoDB sorts.
     */
    public Bson strictlyAfter(List<Object> values) {
        List<SortKey> keys = keys();
        List<Bson> branches = new ArrayList<>();
        List<Bson> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            Object value = values.get(i);
            Optional<Bson> beyond = beyond(key, value);
            if (beyond.isPresent()) {
                List<Bson> branch = new ArrayList<>(equalSoFar);
                branch.add(beyond.get());
                branches.add(branch.size() == 1 ? branch.get(0) : Filters.and(branch));
            }
            equalSoFar.add(condition(key.field(), "$eq", value));
        }
        return branches.size() == 1 ? branches.get(0) : Filters.or(branches);
    }

    private static Optional<Bson> beyond(SortKey key, Object value) {
        if (value == null) {
            // null is the smallest value: every non-null one is after it ascending, none is descending
            return key.ascending() ? Optional.of(condition(key.field(), "$ne", null)) : Optional.empty();
        }
        if (key.ascending()) {
            return Optional.of(condition(key.field(), "$gt", value));
        }
        return Optional.of(Filters.or(condition(key.field(), "$lt", value), condition(key.field(), "$eq", null)));
    }

    /** Values always under an explicit operator, so a value is never read as an operator. */
    private static Bson condition(String field, String operator, Object value) {
        return new Document(field, new Document(operator, value));
    }

    private static Object valueAt(Document document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Document nested)) {
                return null;
            }
            current = nested.get(part);
        }
        return current;
    }
}
