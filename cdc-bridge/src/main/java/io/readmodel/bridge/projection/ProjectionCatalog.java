package io.readmodel.bridge.projection;

import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.load.DefinitionLoader;
import io.readmodel.core.definition.load.SourceSchema;
import io.readmodel.core.engine.ChangeProjector;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The projections this bridge maintains, declared in a YAML file ({@code bridge.projections.file}, by default the
 * bundled {@code projections/shop.yaml}). The file is checked against the JSON Schema when the bridge starts
 * (an invalid file stops it with the file, line and field); {@link #validateAgainst} checks it against the
 * source's tables and columns before streaming.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class ProjectionCatalog {

    /** The bundled definitions used when no file is configured. */
    public static final String DEFAULT_RESOURCE = "projections/shop.yaml";

    private final String source;
    private final String text;
    private final ChangeProjector projector;

    ProjectionCatalog(BridgeConfig config) {
        Path file = config.projections().file().orElse(null);
        this.source = file == null ? DEFAULT_RESOURCE : file.toString();
        this.text = file == null ? bundled() : read(file);
        this.projector = new ChangeProjector(new DefinitionLoader().load(source, text));
    }

    /**
     * Checks the definitions against the source's schema (unknown tables or columns, keys that are not primary
     * keys, sums over text).
     *
     * @throws io.readmodel.core.definition.load.InvalidDefinitionException naming file, line and field
     */
    public void validateAgainst(SourceSchema schema) {
        new DefinitionLoader(schema).load(source, text);
    }

    /** Where the definitions come from. */
    public String source() {
        return source;
    }

    /** The projector over every projection. */
    public ChangeProjector projector() {
        return projector;
    }

    /** The definitions. */
    public List<ProjectionDefinition> definitions() {
        return projector.definitions();
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

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the projection definitions " + file + ": " + e.getMessage(), e);
        }
    }

    private static String bundled() {
        try (InputStream in = ProjectionCatalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + DEFAULT_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
