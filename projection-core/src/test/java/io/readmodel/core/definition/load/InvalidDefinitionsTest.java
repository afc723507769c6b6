package io.readmodel.core.definition.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad definition fails with a problem naming the file, the line, the field path and what is wrong. Lines in
 * the cases count from the text block's first line.
 */
class InvalidDefinitionsTest {

    private static final String FILE = "bad.yaml";

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                bad("unknown top-level key", """
                        projections: []
                        colour: red
                        """, 2, "colour", "unknown key (allowed: projections)"),
                bad("missing table", """
                        projections:
                          - name: orders
                            key: id
                            fields: {id: id}
                        """, 2, "projections[0].table", "required key is missing"),
                bad("fields not a mapping", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: 5
                        """, 5, "projections[0].fields", "expected object, found integer"),
                bad("descending not a boolean", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            children:
                              - field: lines
                                table: order_lines
                                key: id
                                parentKey: order_id
                                descending: "yes"
                        """, 11, "projections[0].children[0].descending", "expected boolean, found string"),
                bad("unknown field type", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields:
                              id: {column: id, type: int}
                        """, 6, "projections[0].fields.id.type", "'int' is not one of: auto, string, int64"),
                bad("unknown table", """
                        projections:
                          - name: orders
                            table: order
                            key: id
                            fields: {id: id}
                        """, 3, "projections[0].table", "table 'order' does not exist (tables: audit_log, customers"),
                bad("unknown column in fields", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields:
                              id: id
                              total: total
                        """, 7, "projections[0].fields.total",
                        "column 'total' does not exist in table orders (columns: id, customer_id, status,"
                                + " total_cents, placed_at)"),
                bad("unknown foreign key in a lookup", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            lookups:
                              - field: customer
                                table: customers
                                key: id
                                foreignKey: customer
                                fields: {name: name}
                        """, 10, "projections[0].lookups[0].foreignKey",
                        "column 'customer' does not exist in table orders"),
                bad("unknown parent key in a nested child", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id}
                            children:
                              - field: orders
                                table: orders
                                key: id
                                parentKey: customer_id
                                children:
                                  - field: lines
                                    table: order_lines
                                    key: id
                                    parentKey: order_idx
                        """, 15, "projections[0].children[0].children[0].parentKey",
                        "column 'order_idx' does not exist in table order_lines (columns: id, order_id, product_id,"
                                + " quantity, unit_price_cents)"),
                bad("key not the primary key", """
                        projections:
                          - name: orders
                            table: orders
                            key: customer_id
                            fields: {id: id}
                        """, 4, "projections[0].key", "key 'customer_id' is not the primary key of orders (primary key: id)"),
                bad("table without primary key", """
                        projections:
                          - name: audit
                            table: audit_log
                            key: at
                            fields: {message: message}
                        """, 4, "projections[0].key", "table audit_log has no primary key"),
                bad("aggregate over a table that is not a child", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id}
                            aggregates:
                              - {field: lineCount, function: count, table: order_lines}
                        """, 7, "projections[0].aggregates[0].table",
                        "table 'order_lines' is not a direct child of the root table customers"),
                bad("sum without a column", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id}
                            children: [{table: orders, key: id, parentKey: customer_id}]
                            aggregates:
                              - {field: spent, function: sum, table: orders}
                        """, 8, "projections[0].aggregates[0].column", "function sum needs a column"),
                bad("sum over a text column", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id}
                            children: [{table: orders, key: id, parentKey: customer_id}]
                            aggregates:
                              - {field: spent, function: sum, table: orders, column: status}
                        """, 8, "projections[0].aggregates[0].column",
                        "sum needs a numeric column; column 'status' of table orders is text"),
                bad("latest without orderBy", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id}
                            children: [{table: orders, key: id, parentKey: customer_id}]
                            aggregates:
                              - {field: lastStatus, function: latest, table: orders, column: status}
                        """, 8, "projections[0].aggregates[0].orderBy", "function latest needs orderBy"),
                bad("duplicate document field from a flattened lookup", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields:
                              id: id
                              name: status
                            lookups:
                              - table: customers
                                key: id
                                foreignKey: customer_id
                                fields: {name: name}
                        """, 12, "projections[0].lookups[0].fields.name",
                        "duplicate document field 'name' (also defined at projections[0].fields.name, line 7)"),
                bad("duplicate document field from an aggregate", """
                        projections:
                          - name: customers
                            table: customers
                            key: id
                            fields: {id: id, orderCount: name}
                            children: [{table: orders, key: id, parentKey: customer_id}]
                            aggregates:
                              - {field: orderCount, function: count, table: orders}
                        """, 8, "projections[0].aggregates[0].field", "duplicate document field 'orderCount'"),
                bad("duplicate projection name", """
                        projections:
                          - {name: orders, table: orders, key: id, fields: {id: id}}
                          - {name: orders, table: customers, key: id, fields: {id: id}}
                        """, 3, "projections[1].name",
                        "duplicate projection name 'orders' (also projections[0], line 2)"),
                bad("child cycle", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            children:
                              - field: lines
                                table: order_lines
                                key: id
                                parentKey: order_id
                                children:
                                  - field: again
                                    table: order_lines
                                    key: id
                                    parentKey: order_id
                        """, 13, "projections[0].children[0].children[0].table",
                        "cycle: table order_lines is already on this path (orders → order_lines → order_lines)"),
                bad("in without values", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            filter:
                              - {column: status, op: in, value: PLACED}
                        """, 7, "projections[0].filter[0].values", "op in needs a list of values"),
                bad("comparison without a value", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            filter:
                              - column: total_cents
                                op: gt
                        """, 7, "projections[0].filter[0].value", "op gt needs one value"),
                bad("unknown filter operator", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id}
                            filter:
                              - {column: status, op: like, value: "P%"}
                        """, 7, "projections[0].filter[0].op", "'like' is not one of: eq, ne, in"),
                bad("duplicate YAML key", """
                        projections:
                          - name: orders
                            table: orders
                            table: customers
                            key: id
                            fields: {id: id}
                        """, 4, "projections[0].table", "duplicate key 'table' (first at line 3)"),
                bad("malformed YAML: unclosed bracket", """
                        projections:
                          - name: orders
                            table: orders
                            key: id
                            fields: {id: id, status: status
                            lookups: []
                        """, 6, "projections[0].fields",
                        "YAML syntax error: while parsing a flow mapping started at line 5: expected ',' or '}'"));
    }

    private static Arguments bad(String what, String yaml, int line, String path, String says) {
        return Arguments.of(what, yaml, line, path, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDefinitions")
    void aBadDefinitionIsReportedWithFileLineAndPath(String what, String yaml, int line, String path, String says) {
        InvalidDefinitionException failure = catchThrowableOfType(InvalidDefinitionException.class,
                () -> new DefinitionLoader(SourceSchemas.shop()).load(FILE, yaml));

        assertThat(failure).as(what).isNotNull();
        assertThat(failure.problems()).as(failure.getMessage()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(FILE);
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).contains(says);
        });
        assertThat(failure.getMessage()).contains(FILE + ":" + line + ":");
    }
}
