package io.readmodel.bridge.projection;

import com.mongodb.client.model.Indexes;
import io.readmodel.core.definition.OrdersProjection;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;

/** The projections this bridge maintains, and the indexes their readers need. */
@ApplicationScoped
public class ProjectionCatalog {

    private final ChangeProjector projector = new ChangeProjector(List.of(OrdersProjection.definition()));

    /** The projector over every projection. */
    public ChangeProjector projector() {
        return projector;
    }

    /** Secondary indexes per projection (beyond the references index the bridge always creates). */
    public Map<String, List<Bson>> indexes() {
        return Map.of(OrdersProjection.NAME, List.of(
                Indexes.compoundIndex(Indexes.ascending("customer.id"), Indexes.descending("placedAt"), Indexes.descending("_id"))));
    }

    /**
     * One definition by name.
     *
     * @throws UnknownProjectionException when there is none
     */
    public ProjectionDefinition definition(String name) {
        return definitions().stream().filter(definition -> definition.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownProjectionException(name, definitions().stream().map(ProjectionDefinition::name).toList()));
    }

    /** The definitions. */
    public List<ProjectionDefinition> definitions() {
        return projector.definitions();
    }
}
