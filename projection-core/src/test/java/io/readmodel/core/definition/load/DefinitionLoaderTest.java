package io.readmodel.core.definition.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.Condition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.FieldType;
import io.readmodel.core.definition.ProjectionDefinition;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionLoaderTest {

    private final DefinitionLoader loader = new DefinitionLoader(SourceSchemas.shop());

    @Test
    void filterValuesKeepTheirYamlTypes() {
        ProjectionDefinition orders = loader.load("types.yaml", """
                projections:
                  - name: orders
                    table: orders
                    key: id
                    fields: {id: id}
                    filter:
                      - {column: status, op: in, values: [PLACED, "42", 7, 2.50, true]}
                      - {column: total_cents, op: gte, value: 100}
                      - {column: placed_at, op: not_null}
                """).get(0);

        List<Condition> conditions = orders.filter().conditions();
        assertThat(conditions.get(0).values()).containsExactly("PLACED", "42", 7L, new BigDecimal("2.50"), true);
        assertThat(conditions.get(1)).isEqualTo(new Condition("total_cents", Condition.Operator.GTE, List.of(100L)));
        assertThat(conditions.get(2).values()).isEmpty();
    }

    @Test
    void childrenDefaultToAscendingByKeyAndFieldsMayNameATypeOrNot() {
        ProjectionDefinition orders = loader.load("defaults.yaml", """
                projections:
                  - name: orders
                    table: orders
                    key: id
                    fields:
                      id: id
                      total: {column: total_cents, type: decimal}
                      cents: {column: total_cents}
                    children:
                      - {field: lines, table: order_lines, key: id, parentKey: order_id, descending: true}
                """).get(0);

        assertThat(orders.fields()).containsExactly(FieldMapping.of("id", "id"),
                new FieldMapping("total_cents", "total", FieldType.DECIMAL), FieldMapping.of("total_cents", "cents"));
        ChildDefinition lines = orders.children().get(0);
        assertThat(lines.orderBy()).isEqualTo("id");
        assertThat(lines.descending()).isTrue();
        assertThat(lines.fields()).isEmpty();
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInFileOrder() {
        InvalidDefinitionException failure = catchThrowableOfType(InvalidDefinitionException.class,
                () -> loader.load("many.yaml", """
                        projections:
                          - name: Orders
                            table: orders
                            key: id
                            fields: {id: id, when: placedAt}
                            colour: red
                        """));

        assertThat(failure.problems()).extracting(DefinitionProblem::toString).containsExactly(
                "many.yaml:2:11: projections[0].name: 'Orders' does not match the pattern ^[a-z][a-z0-9_]*$",
                "many.yaml:5:28: projections[0].fields.when: column 'placedAt' does not exist in table orders"
                        + " (columns: id, customer_id, status, total_cents, placed_at)",
                "many.yaml:6:5: projections[0].colour: unknown key (allowed: name, table, key, filter, fields,"
                        + " lookups, children, aggregates)");
        assertThat(failure.getMessage()).startsWith("invalid projection definitions (3 problems):\n  many.yaml:2:11:");
    }

    @Test
    void withoutASourceSchemaOnlyTheFileItselfIsChecked() {
        List<ProjectionDefinition> loaded = new DefinitionLoader().load("any.yaml", """
                projections:
                  - {name: things, table: no_such_table, key: whatever, fields: {a: b}}
                """);

        assertThat(loaded.get(0).rootTable()).isEqualTo("no_such_table");
    }

    @Test
    void documentKeyAndMetadataAreReservedFieldNames() {
        InvalidDefinitionException failure = catchThrowableOfType(InvalidDefinitionException.class,
                () -> loader.load("reserved.yaml", """
                        projections:
                          - {name: orders, table: orders, key: id, fields: {_id: id}}
                        """));

        assertThat(failure.problems()).singleElement().hasToString(
                "reserved.yaml:2:53: projections[0].fields._id: field name '_id' is reserved (the document's key"
                        + " and metadata use it)");
    }

    @Test
    void anEmptyFileSaysSo() {
        InvalidDefinitionException failure = catchThrowableOfType(InvalidDefinitionException.class,
                () -> loader.load("empty.yaml", "# nothing yet\n"));

        assertThat(failure.problems()).singleElement()
                .hasToString("empty.yaml:1:1: the file is empty (expected projections: [...])");
    }
}
