package io.readmodel.core.definition.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.AggregateDefinition.Function;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.Condition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.FieldType;
import io.readmodel.core.definition.OrdersProjection;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.RowFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definition files the project ships load and validate against their databases' tables. */
class ShippedDefinitionsTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path SHOP = REPOSITORY.resolve("cdc-bridge/src/main/resources/projections/shop.yaml");
    private static final Path CHINOOK = REPOSITORY.resolve("examples/chinook/projections.yaml");

    @Test
    void shopOrdersIsTheReferenceOrdersDefinition() {
        List<ProjectionDefinition> shop = new DefinitionLoader(SourceSchemas.shop()).load(SHOP);

        assertThat(shop).extracting(ProjectionDefinition::name).containsExactly("orders", "customers", "products");
        assertThat(shop.get(0)).isEqualTo(OrdersProjection.definition());
    }

    @Test
    void shopCustomersAggregatesTheirOrdersWithoutEmbeddingThem() {
        ProjectionDefinition customers = new DefinitionLoader(SourceSchemas.shop()).load(SHOP).get(1);

        RowFilter notCancelled = new RowFilter(List.of(new Condition("status", Condition.Operator.NE,
                List.of("CANCELLED"))));
        assertThat(customers).isEqualTo(new ProjectionDefinition("customers", "customers", "id",
                List.of(FieldMapping.of("id", "id"), FieldMapping.of("name", "name"),
                        FieldMapping.of("email", "email"), FieldMapping.of("city", "city")),
                List.of(),
                List.of(new ChildDefinition(null, "orders", "id", "customer_id", null, false, List.of(), List.of(),
                        List.of())),
                List.of(new AggregateDefinition("orderCount", Function.COUNT, "orders", null, null, null),
                        new AggregateDefinition("lifetimeValueCents", Function.SUM, "orders", "total_cents", null,
                                notCancelled),
                        new AggregateDefinition("lastOrderAt", Function.MAX, "orders", "placed_at", null, null)),
                RowFilter.ALL));
        assertThat(customers.children().get(0).isEmbedded()).isFalse();
    }

    @Test
    void chinookDefinitionsLoadAgainstTheChinookTables() {
        List<ProjectionDefinition> chinook = new DefinitionLoader(SourceSchemas.chinook()).load(CHINOOK);

        assertThat(chinook).extracting(ProjectionDefinition::name)
                .containsExactly("invoices", "chinook_customers", "artists");
        ProjectionDefinition invoices = chinook.get(0);
        assertThat(invoices.tables()).containsExactlyInAnyOrder("invoice", "invoice_line", "customer", "employee",
                "track", "album", "artist", "genre");
        assertThat(invoices.lookups().get(0).lookups().get(0).field()).isEqualTo("supportRep");
        assertThat(invoices.children().get(0).fields())
                .contains(new FieldMapping("unit_price", "unitPrice", FieldType.DECIMAL));
        ProjectionDefinition artists = chinook.get(2);
        assertThat(artists.childPlacements()).extracting(placement -> placement.child().table() + "@"
                + placement.depth()).containsExactly("album@1", "track@2");
        assertThat(chinook.get(1).aggregates()).extracting(AggregateDefinition::field)
                .containsExactly("invoiceCount", "totalSpent", "lastInvoiceAt");
    }

    @Test
    void shippedFilesAlsoLoadWithoutASourceDatabase() {
        assertThat(new DefinitionLoader().load(SHOP)).hasSize(3);
        assertThat(new DefinitionLoader().load(CHINOOK)).hasSize(3);
    }

    @Test
    void thePublishedSchemaIsTheOneTheLoaderUses() throws IOException {
        byte[] published = Files.readAllBytes(REPOSITORY.resolve("docs/projection-definition.schema.json"));
        try (InputStream resource = DefinitionLoader.class.getClassLoader()
                .getResourceAsStream(DefinitionLoader.SCHEMA_RESOURCE)) {
            assertThat(resource).as(DefinitionLoader.SCHEMA_RESOURCE).isNotNull();
            assertThat(resource.readAllBytes()).isEqualTo(published);
        }
    }
}
