package io.readmodel.readapi.view;

import com.mongodb.client.model.Filters;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.http.RequestValues;
import io.readmodel.readapi.problem.ProblemException;
import io.readmodel.readapi.query.FilterCondition;
import io.readmodel.readapi.query.KeysetCursor;
import io.readmodel.readapi.query.SortOrder;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A listing of a projection as the client asked for it: conditions (all must hold), order, page size and where
 * the previous page ended.
 *
 * @param filters the {@code filter} parameters, AND-ed
 * @param sort the {@code sort} parameter, {@code _id} tiebreaker implied
 * @param limit the page size
 * @param after the {@code cursor} parameter, if any
 */
public record ViewQuery(List<FilterCondition> filters, SortOrder sort, int limit, Optional<KeysetCursor> after) {

    /** The most {@code filter} parameters in one request. */
    public static final int MAX_FILTERS = 10;

    /**
     * Reads the query parameters of a listing.
     *
     * @throws ProblemException 400 naming the parameter ({@code invalid-filter}, {@code invalid-sort},
     *     {@code invalid-limit}, {@code invalid-cursor})
     */
    public static ViewQuery parse(List<String> filters, String sort, String limit, String cursor,
            ReadApiConfig.Pagination pagination) {
        List<String> given = filters == null ? List.of() : filters;
        if (given.size() > MAX_FILTERS) {
            throw ProblemException.badRequest("invalid-filter", "Invalid filter",
                    "The filter query parameter is invalid: at most " + MAX_FILTERS + " filters, got " + given.size()
                            + ".");
        }
        List<FilterCondition> conditions = given.stream().map(FilterCondition::parse).toList();
        SortOrder order = SortOrder.parse(sort);
        int pageSize = RequestValues.limit(limit, pagination.defaultLimit(), pagination.maxLimit());
        Optional<KeysetCursor> after = Optional.ofNullable(cursor).filter(text -> !text.isEmpty())
                .map(text -> KeysetCursor.decode(text, order));
        return new ViewQuery(conditions, order, pageSize, after);
    }

    /** The conditions as one MongoDB filter (empty when there are none). */
    public Bson filter() {
        return filters.isEmpty() ? new Document() : Filters.and(filters.stream().map(FilterCondition::bson).toList());
    }
}
