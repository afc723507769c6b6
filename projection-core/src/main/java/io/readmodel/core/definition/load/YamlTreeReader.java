package io.readmodel.core.definition.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.readmodel.core.definition.load.YamlTree.Mark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads YAML into a Jackson tree in one token pass, remembering the line and column of every value and key, so
 * that problems found on the tree (by the JSON Schema or by the rules) point into the file. Syntax errors and
 * duplicate keys are reported as problems.
 */
final class YamlTreeReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Problems problems;
    private final Map<String, Mark> valueMarks = new HashMap<>();
    private final Map<String, Mark> keyMarks = new HashMap<>();
    private String currentPath = "";

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The tree, or {@code null} when the text is not YAML (the syntax error is then among the problems). */
    static YamlTree read(String text, Problems problems) {
        return new YamlTreeReader(problems).read(text);
    }

    private YamlTree read(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                problems.add(Mark.START, "", "the file is empty (expected projections: [...])");
                return null;
            }
            JsonNode root = readValue(parser, "");
            if (parser.nextToken() != null) {
                problems.add(mark(parser.currentTokenLocation()), "", "a definition file holds one YAML document");
            }
            return new YamlTree(root, Map.copyOf(valueMarks), Map.copyOf(keyMarks));
        } catch (JsonProcessingException e) {
            problems.add(syntaxErrorMark(e), currentPath, "YAML syntax error: " + syntaxErrorMessage(e));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readValue(JsonParser parser, String path) throws IOException {
        currentPath = path;
        valueMarks.put(path, mark(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser, path);
            case START_ARRAY -> readArray(parser, path);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> readInteger(parser);
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    private ObjectNode readObject(JsonParser parser, String path) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String memberPath = FieldPath.key(path, name);
            Mark keyMark = mark(parser.currentTokenLocation());
            if (object.has(name)) {
                problems.add(keyMark, memberPath, "duplicate key '" + name + "' (first at line "
                        + keyMarks.get(memberPath).line() + ")");
            } else {
                keyMarks.put(memberPath, keyMark);
            }
            parser.nextToken();
            JsonNode value = readValue(parser, memberPath);
            if (!object.has(name)) {
                object.set(name, value);
            }
            currentPath = path;
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser, FieldPath.index(path, array.size())));
            currentPath = path;
        }
        return array;
    }

    private static JsonNode readInteger(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT, LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private static Mark mark(JsonLocation location) {
        return location == null ? Mark.START : new Mark(location.getLineNr(), location.getColumnNr());
    }

    private static Mark syntaxErrorMark(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
                return new Mark(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
            }
        }
        return mark(e.getLocation());
    }

    private static String syntaxErrorMessage(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                String context = marked.getContext() == null ? "" : marked.getContext()
                        + (marked.getContextMark() == null ? "" : " started at line " + (marked.getContextMark().getLine() + 1))
                        + ": ";
                return context + marked.getProblem();
            }
        }
        return e.getOriginalMessage();
    }
}
