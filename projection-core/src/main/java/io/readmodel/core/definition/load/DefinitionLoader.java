package io.readmodel.core.definition.load;

import io.readmodel.core.definition.ProjectionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Loads projection definitions from YAML (format: {@code docs/projections.md}), validated against the JSON
 * Schema {@value #SCHEMA_RESOURCE} and, when a {@link SourceSchema} is given, against the source database's
 * tables. Any problem fails the whole file with an {@link InvalidDefinitionException} listing every problem found,
 * each with its file, line, column and field path.
 */
public final class DefinitionLoader {

    /** The JSON Schema's classpath resource (also published as {@code docs/projection-definition.schema.json}). */
    public static final String SCHEMA_RESOURCE = "io/readmodel/core/definition/projection-definition.schema.json";

    private final SourceSchema source;

    /** A loader that checks files for their structure and their own consistency only (no source database). */
    public DefinitionLoader() {
        this.source = null;
    }

    /** A loader that also checks every table, column and key a file names against {@code source}. */
    public DefinitionLoader(SourceSchema source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Loads a definition file.
     *
     * @throws InvalidDefinitionException when the file is not a valid definition
     * @throws UncheckedIOException when it cannot be read
     */
    public List<ProjectionDefinition> load(Path file) {
        try {
            return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read projection definitions " + file, e);
        }
    }

    /**
     * Loads definitions from text.
     *
     * @param fileName the name problems are reported under
     * @param yamlText the file's content
     * @throws InvalidDefinitionException when the text is not a valid definition
     */
    public List<ProjectionDefinition> load(String fileName, String yamlText) {
        Problems problems = new Problems(fileName);
        YamlTree tree = YamlTreeReader.read(yamlText, problems);
        if (tree == null) {
            problems.throwIfAny();
        }
        problems.locateIn(tree);
        SchemaValidation.validate(tree, problems);
        DefinitionRules.check(tree.root(), source, problems);
        problems.throwIfAny();
        return DefinitionBuilder.build(tree.root());
    }
}
