package io.readmodel.readapi.query;

import io.readmodel.readapi.http.RequestValues;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One {@code filter=field:op:value} query parameter: a condition on a document field. Operands are typed by form
 * ({@link TypedValues}); {@code in} takes operands separated by {@code |}.
 *
 * @param field the document field, dotted for nested fields
 * @param operator the comparison
 * @param operands one operand, or the operands of {@code in}
 */
public record FilterCondition(String field, FilterOperator operator, List<Object> operands) {

    /** The query parameter filters come from. */
    public static final String PARAMETER = "filter";

    private static final int MAX_LENGTH = 2000;
    private static final int MAX_IN_OPERANDS = 100;

    /**
     * Reads one {@code filter} parameter.
     *
     * @throws io.readmodel.readapi.problem.ProblemException 400 {@code invalid-filter} naming what is wrong
     */
    public static FilterCondition parse(String text) {
        String[] parts = text.split(":", 3);
        if (text.length() > MAX_LENGTH || parts.length != 3) {
            throw FieldNames.invalid(PARAMETER, "'" + RequestValues.abbreviate(text)
                    + "' is not of the form field:op:value (at most " + MAX_LENGTH + " characters).");
        }
        String field = FieldNames.check(parts[0], PARAMETER);
        FilterOperator operator = FilterOperator.named(parts[1]).orElseThrow(() -> FieldNames.invalid(PARAMETER,
                "unknown operator '" + RequestValues.abbreviate(parts[1]) + "' in '" + RequestValues.abbreviate(text)
                        + "' (allowed: eq, ne, gt, gte, lt, lte, in)."));
        List<Object> operands = operator == FilterOperator.IN
                ? Arrays.stream(parts[2].split("\\|", -1)).map(TypedValues::parse).toList()
                : List.of(TypedValues.parse(parts[2]));
        if (operands.size() > MAX_IN_OPERANDS) {
            throw FieldNames.invalid(PARAMETER, "'in' takes at most " + MAX_IN_OPERANDS + " values.");
        }
        return new FilterCondition(field, operator, operands);
    }

    /** The MongoDB condition; operands are always under an explicit operator, so they are never read as one. */
    public Bson bson() {
        Object operand = operator == FilterOperator.IN ? operands : operands.get(0);
        return new Document(field, new Document(operator.mongo(), operand));
    }
}
